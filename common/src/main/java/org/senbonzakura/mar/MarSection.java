/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/**
 * One additional section (the product information block is the only defined one, id 1).
 *
 * @param id section id
 * @param offset position of the section's 8-byte header in the file
 * @param size section size including its 8-byte header
 */
public record MarSection(int id, long offset, long size) {
  /** Section id of the product information block. */
  public static final int PRODUCT_INFO_ID = 1;
}

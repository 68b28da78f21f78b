/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/**
 * An entry announced before its data is written, for {@link MarStreamWriter}.
 *
 * @param name relative path
 * @param mode permission bits
 * @param length exact number of stored bytes that will follow
 */
public record MarEntrySpec(String name, int mode, long length) {}

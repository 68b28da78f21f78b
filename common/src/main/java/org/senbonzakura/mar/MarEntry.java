/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/**
 * One index entry: where an entry's stored (usually compressed) bytes are and how it is named.
 *
 * @param name relative, {@code /}-separated path
 * @param offset position of the stored bytes from the start of the file
 * @param length number of stored bytes
 * @param mode Unix permission bits, normally {@code 0644} or {@code 0755}
 */
public record MarEntry(String name, long offset, long length, int mode) {}

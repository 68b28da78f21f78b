/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * Applies one file patch, checking the source's size and CRC first as the updater does. Kept as an
 * interface so the applier does not care which patch format or library does the work.
 */
@FunctionalInterface
public interface PatchFunction {
  byte[] apply(byte[] source, byte[] patch) throws PatchException;
}

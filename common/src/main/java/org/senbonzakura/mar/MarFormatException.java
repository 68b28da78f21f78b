/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/**
 * A MAR broke one of the reading rules. The {@link Reason} tells programmatically which rule; the
 * message says where, in words, so a one-line report is enough to find the fault.
 */
public final class MarFormatException extends MarException {
  private static final long serialVersionUID = 1L;

  /** Every rule the reader enforces; one constant per distinct way a MAR can be malformed. */
  public enum Reason {
    /** The file is too short to hold the header it claims to have. */
    TRUNCATED,
    /** The first four bytes are not {@code MAR1}. */
    BAD_MAGIC,
    /** The file is larger than the configured limit (500 MiB by default). */
    FILE_TOO_LARGE,
    /** The index offset or the index size points outside the file. */
    INDEX_OUT_OF_BOUNDS,
    /** Bytes follow the end of the index. */
    TRAILING_BYTES,
    /** The stored total size differs from the real file size. */
    SIZE_MISMATCH,
    /** More than 8 signatures. */
    TOO_MANY_SIGNATURES,
    /** A signature over 2048 bytes. */
    SIGNATURE_TOO_LONG,
    /** The signature block or additional sections run past the content area. */
    HEADER_OUT_OF_BOUNDS,
    /** An additional section whose size is smaller than its own 8-byte header. */
    SECTION_MALFORMED,
    /** A product information block that is not the first additional section. */
    PIB_NOT_FIRST,
    /** The product information block is not two NUL-terminated strings within 96 bytes. */
    PIB_MALFORMED,
    /** The MAR channel ID is over 63 bytes. */
    PIB_CHANNEL_TOO_LONG,
    /** The product version is over 31 bytes. */
    PIB_VERSION_TOO_LONG,
    /** An entry's data range lies outside the content area. */
    ENTRY_OUT_OF_BOUNDS,
    /** Two non-empty entries share bytes. */
    ENTRIES_OVERLAP,
    /** An index entry's name has no NUL terminator inside the index. */
    NAME_NOT_TERMINATED,
    /** An empty entry name. */
    NAME_EMPTY,
    /** An absolute entry name ({@code /x} or {@code C:x}). */
    NAME_ABSOLUTE,
    /** An entry name containing {@code ..}. */
    NAME_DOT_DOT,
    /** An entry name containing a backslash. */
    NAME_BACKSLASH,
    /** An entry name containing a double quote. */
    NAME_QUOTE,
    /** An entry name containing a control character. */
    NAME_CONTROL_CHAR,
    /** An entry name that is not valid UTF-8. */
    NAME_NOT_UTF8,
    /** Two entries with the same name. */
    NAME_REPEATED,
    /** Bytes left in the index that cannot form a whole entry. */
    INDEX_LEFTOVER_BYTES
  }

  private final Reason reason;

  public MarFormatException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Which rule was broken. */
  public Reason reason() {
    return reason;
  }
}

/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemovedFilesTest {
  @Test
  void sortsReverseAndMapsDirectoryForms() {
    String text = "obsolete/a.txt\nobsolete/\nobsolete2/*\n# comment\n\nbrowser/x.xpi\n";
    assertEquals(
        List.of(
            "rmrfdir \"obsolete2/\"",
            "remove \"obsolete/a.txt\"",
            "rmdir \"obsolete/\"",
            "remove \"browser/x.xpi\""),
        RemovedFiles.instructions(text));
  }

  @Test
  void keepsSpacesCollapsesRunsDropsCarriageReturnsAndSplitsOnTabs() {
    String text = "  my  file.txt \r\na\tb/\r\n";
    // sorted with spaces as '|': "a\tb/\r" < "||my||file.txt|\r" in reverse order
    assertEquals(
        List.of("remove \"my file.txt\"", "remove \"a\"", "rmdir \"b/\""),
        RemovedFiles.instructions(text));
  }

  @Test
  void emptyOrMissingGivesNothing() {
    assertEquals(List.of(), RemovedFiles.instructions(null));
    assertEquals(List.of(), RemovedFiles.instructions("\n\n# only a comment\n"));
  }
}

/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {
  @Test
  void acceptsCrlfTabsCommentsAndBlankLines() throws Exception {
    String text =
        "type \"partial\"\r\n# a comment\r\n\r\nadd\t\"a b.txt\"\r\n"
            + "patch-if \"d\"\t\"d/x.patch\" \"d/x\"\nrmrfdir \"old/\"\r\n";
    ManifestParser.Parsed p = ManifestParser.parse(text);
    assertEquals("partial", p.type());
    assertEquals(
        List.of(
            new Instruction(Instruction.Method.ADD, null, "a b.txt", "a b.txt"),
            new Instruction(Instruction.Method.PATCH_IF, "d", "d/x.patch", "d/x"),
            new Instruction(Instruction.Method.RMRFDIR, null, null, "old")),
        p.actions());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "add \"/etc/passwd\"",
        "add \"a/../b\"",
        "add \"foo..bar.js\"",
        "rmdir \"dir\"",
        "remove \"x\" \nfrobnicate \"y\"",
        "patch \"x.patch\"\"x\"",
        "add-if \"a\"",
        "remove \"a\"\ntype \"complete\""
      })
  void rejectsWhatTheUpdaterRejects(String text) {
    UpdateException e = assertThrows(UpdateException.class, () -> ManifestParser.parse(text));
    assertTrue(e.getMessage().contains("PARSE_ERROR"), e.getMessage());
  }

  @Test
  void emptyActionListIsAnError() {
    UpdateException e =
        assertThrows(UpdateException.class, () -> ManifestParser.parse("type \"partial\"\n"));
    assertTrue(e.getMessage().contains("EMPTY_ACTION_LIST"));
  }

  @Test
  void precompleteAllowsOnlyRemoveAndRmdir() throws Exception {
    assertEquals(
        List.of(
            new Instruction(Instruction.Method.REMOVE, null, null, "a"),
            new Instruction(Instruction.Method.RMDIR, null, null, "d")),
        ManifestParser.parsePrecomplete("remove \"a\"\nremove-cc \"b\"\nrmdir \"d/\"\n"));
    assertThrows(UpdateException.class, () -> ManifestParser.parsePrecomplete("add \"a\"\n"));
  }

  @Test
  void roundTripsEveryLineThePlannerWrites() throws Exception {
    for (String line :
        List.of(
            ManifestRules.addLine("distribution/extensions/e/x.js"),
            ManifestRules.patchLine("distribution/extensions/e/x.js"),
            ManifestRules.addIfNotLine("update-settings.ini"),
            ManifestRules.patchLine("libxul.so"),
            ManifestRules.rmdirLine("a/b"))) {
      assertEquals(1, ManifestParser.parse(line + "\n").actions().size(), line);
    }
  }
}

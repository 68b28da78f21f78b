/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrecompleteGeneratorTest {
  @ParameterizedTest
  @ValueSource(strings = {"from", "to"})
  void reproducesTheGoldenTreesPrecomplete(String tree) throws Exception {
    Path dir = GoldenTrees.partialSmall().resolve(tree);
    TreeListing listing = DirectorySource.scan(dir).listing();
    String want = Files.readString(dir.resolve("precomplete"), StandardCharsets.UTF_8);
    assertEquals(
        want, PrecompleteGenerator.generate(listing, PrecompleteGenerator.pathFor(listing)));
  }

  @Test
  void macBundleGetsItInContentsResourcesAndListsItself() {
    TreeListing t =
        TreeListing.of(
            List.of(
                new FileInfo("Contents/MacOS/firefox", 0755, "a", 1),
                new FileInfo(
                    "Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs", 0755, "b", 1),
                new FileInfo("Contents/Resources/distribution/x.js", 0644, "c", 1)),
            null);
    String path = PrecompleteGenerator.pathFor(t);
    assertEquals("Contents/Resources/precomplete", path);
    assertEquals(
        "remove \"Contents/Resources/precomplete\"\n"
            + "remove \"Contents/MacOS/firefox\"\n"
            + "rmdir \"Contents/Resources/\"\n"
            + "rmdir \"Contents/MacOS/\"\n"
            + "rmdir \"Contents/Frameworks/ChannelPrefs.framework/\"\n"
            + "rmdir \"Contents/Frameworks/\"\n"
            + "rmdir \"Contents/\"\n",
        PrecompleteGenerator.generate(t, path));
  }
}

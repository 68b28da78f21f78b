/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The release that keys cached results is the pom's project version, not a copy of it. */
class VersionsTest {
  @Test
  void releaseIsTheProjectVersionOfThePom() throws Exception {
    Path pom = Path.of(System.getProperty("sbz.repo"), "jobs", "pom.xml");
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getDocumentElement();
    String version = childText(project, "version");
    if (version == null) { // inherited from the parent, as the jobs module does
      version = childText((Element) project.getElementsByTagName("parent").item(0), "version");
    }
    assertFalse(version == null || version.isBlank(), "no version in " + pom);
    assertEquals("sbz-" + version, Versions.RELEASE);
    assertEquals("sbz-" + version + "/" + Versions.ALGORITHM, Versions.GENERATOR);
  }

  private static String childText(Element parent, String name) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }
}

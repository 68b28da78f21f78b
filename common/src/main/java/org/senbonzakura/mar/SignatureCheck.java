/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.util.Optional;

/**
 * The outcome for one signature of a MAR: which key, if any, verified it.
 *
 * @param index position in the signature block
 * @param algorithmId stored algorithm id
 * @param verifiedBy name of the key that verified it, or empty
 * @param note why it could not be checked (unknown algorithm), or empty
 */
public record SignatureCheck(
    int index, int algorithmId, Optional<String> verifiedBy, Optional<String> note) {
  public boolean verified() {
    return verifiedBy.isPresent();
  }

  /** The algorithm's display name, or {@code unknown(N)}. */
  public String algorithmName() {
    return SignatureAlgorithm.byId(algorithmId)
        .map(SignatureAlgorithm::displayName)
        .orElse("unknown(" + algorithmId + ")");
  }
}

/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * A row of the patch cache (L2): the outcome of diffing one (old, new) pair with one algorithm
 * version, a stored patch or a "full wins" verdict bounded by the full size it was given. The diff
 * stage returns the run's entries (the cached ones the dedup stage found and those it diffed), so
 * the assemble stage does not read the table again.
 */
public class PatchEntry implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String oldSha256;
  private String newSha256;
  private String algorithmVersion;
  private String outcome;
  private String patchPath;
  private Long patchSize;
  private Long fullSize;
  private Long oldSize;
  private Long newSize;
  private Long diffMs;
  private String runId;

  /** the old file's SHA-256 */
  public String getOldSha256() {
    return oldSha256;
  }

  public void setOldSha256(String oldSha256) {
    this.oldSha256 = oldSha256;
  }

  /** the new file's SHA-256 */
  public String getNewSha256() {
    return newSha256;
  }

  public void setNewSha256(String newSha256) {
    this.newSha256 = newSha256;
  }

  /** the differ's algorithm version */
  public String getAlgorithmVersion() {
    return algorithmVersion;
  }

  public void setAlgorithmVersion(String algorithmVersion) {
    this.algorithmVersion = algorithmVersion;
  }

  /** patch or full */
  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  /** where the compressed patch is (null when full wins) */
  public String getPatchPath() {
    return patchPath;
  }

  public void setPatchPath(String patchPath) {
    this.patchPath = patchPath;
  }

  /** the compressed patch's size */
  public Long getPatchSize() {
    return patchSize;
  }

  public void setPatchSize(Long patchSize) {
    this.patchSize = patchSize;
  }

  /** the full entry size the outcome was decided against */
  public Long getFullSize() {
    return fullSize;
  }

  public void setFullSize(Long fullSize) {
    this.fullSize = fullSize;
  }

  /** the old file's size */
  public Long getOldSize() {
    return oldSize;
  }

  public void setOldSize(Long oldSize) {
    this.oldSize = oldSize;
  }

  /** the new file's size */
  public Long getNewSize() {
    return newSize;
  }

  public void setNewSize(Long newSize) {
    this.newSize = newSize;
  }

  /** how long the diff took */
  public Long getDiffMs() {
    return diffMs;
  }

  public void setDiffMs(Long diffMs) {
    this.diffMs = diffMs;
  }

  /** the run that diffed it */
  public String getRunId() {
    return runId;
  }

  public void setRunId(String runId) {
    this.runId = runId;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    PatchEntry that = (PatchEntry) o;
    return java.util.Objects.equals(oldSha256, that.oldSha256)
        && java.util.Objects.equals(newSha256, that.newSha256)
        && java.util.Objects.equals(algorithmVersion, that.algorithmVersion)
        && java.util.Objects.equals(outcome, that.outcome)
        && java.util.Objects.equals(patchPath, that.patchPath)
        && java.util.Objects.equals(patchSize, that.patchSize)
        && java.util.Objects.equals(fullSize, that.fullSize)
        && java.util.Objects.equals(oldSize, that.oldSize)
        && java.util.Objects.equals(newSize, that.newSize)
        && java.util.Objects.equals(diffMs, that.diffMs)
        && java.util.Objects.equals(runId, that.runId);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        oldSha256,
        newSha256,
        algorithmVersion,
        outcome,
        patchPath,
        patchSize,
        fullSize,
        oldSize,
        newSize,
        diffMs,
        runId);
  }

  @Override
  public String toString() {
    return "PatchEntry{"
        + "oldSha256="
        + oldSha256
        + ", "
        + "newSha256="
        + newSha256
        + ", "
        + "algorithmVersion="
        + algorithmVersion
        + ", "
        + "outcome="
        + outcome
        + ", "
        + "patchPath="
        + patchPath
        + ", "
        + "patchSize="
        + patchSize
        + ", "
        + "fullSize="
        + fullSize
        + ", "
        + "oldSize="
        + oldSize
        + ", "
        + "newSize="
        + newSize
        + ", "
        + "diffMs="
        + diffMs
        + ", "
        + "runId="
        + runId
        + "}";
  }

  static PatchEntry of(
      String oldSha256,
      String newSha256,
      String algorithm,
      String outcome,
      String patchPath,
      Long patchSize,
      Long fullSize,
      Long oldSize,
      Long newSize,
      Long diffMs,
      String runId) {
    PatchEntry e = new PatchEntry();
    e.oldSha256 = oldSha256;
    e.newSha256 = newSha256;
    e.algorithmVersion = algorithm;
    e.outcome = outcome;
    e.patchPath = patchPath;
    e.patchSize = patchSize;
    e.fullSize = fullSize;
    e.oldSize = oldSize;
    e.newSize = newSize;
    e.diffMs = diffMs;
    e.runId = runId;
    return e;
  }
}

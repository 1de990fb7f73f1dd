package dev.enshu.orchestrator.range.docker;

/** How Docker resources of a range are named; labels, not names, are what finds them again. */
final class DockerNames {
  private DockerNames() {}

  static String container(String rangeId, String hostId) {
    return "enshu-" + rangeId + "-" + hostId;
  }

  static String network(String rangeId, String segmentId) {
    return "enshu-" + rangeId + "-" + segmentId;
  }

  static String snapshotRepository(String rangeId, String hostId) {
    return "enshu-snapshot/" + rangeId + "-" + hostId;
  }
}

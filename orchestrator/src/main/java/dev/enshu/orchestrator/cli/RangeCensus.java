package dev.enshu.orchestrator.cli;

import java.util.Map;

/**
 * What of a bench's ranges is on the engine and the host machine, counted per kind by asking the
 * engine and the machine directly (names, labels, files, firewall rules), not the provider's own
 * bookkeeping, so that a leak the provider does not see is counted too.
 */
interface RangeCensus {
  /** Counts per kind, in a fixed order; blocks for a few engine calls. */
  Map<String, Long> count();

  /** Called after each provisioning: the census learns what the range was made of. */
  default void provisioned(String rangeId) {}
}

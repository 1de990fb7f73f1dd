package dev.enshu.orchestrator.range;

import java.util.Map;
import java.util.TreeMap;

/** The labels every provider puts on what it creates, so that it can be found again. */
public final class RangeLabels {
  public static final String MANAGED = "enshu.managed";
  public static final String EXERCISE = "enshu.exercise";
  public static final String TEAM = "enshu.team";
  public static final String RANGE = "enshu.range";
  public static final String HOST = "enshu.host";
  public static final String ROLE = "enshu.role";
  public static final String SEGMENT = "enshu.segment";

  /** The range's address block, so that no other server on the same engine takes it. */
  public static final String BLOCK = "enshu.block";

  /**
   * Not a label on the resource: the state a provider saw the resource in when it listed it
   * (Docker's {@code running}, {@code exited}...), added by {@code list()} where the provider knows
   * it.
   */
  public static final String STATE = "enshu.state";

  private RangeLabels() {}

  /** The labels of a range-wide resource (a network). */
  public static Map<String, String> of(RangePlan plan) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(MANAGED, "true");
    labels.put(EXERCISE, plan.exerciseId());
    labels.put(TEAM, Integer.toString(plan.team()));
    labels.put(RANGE, plan.rangeId());
    labels.put(BLOCK, plan.addressBlock());
    return labels;
  }

  /** The labels of a host's resources. */
  public static Map<String, String> of(RangePlan plan, PlannedHost host) {
    Map<String, String> labels = of(plan);
    labels.put(HOST, host.id());
    labels.put(ROLE, host.role().id());
    return labels;
  }
}

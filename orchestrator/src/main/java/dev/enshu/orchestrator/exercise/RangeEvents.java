package dev.enshu.orchestrator.exercise;

/** Journal event types the server writes about a team's range, for the parts that read them. */
public final class RangeEvents {
  /**
   * The team's engine answered again after it went away (data: {@code range}, {@code provider},
   * {@code restarted} hosts or a {@code problem}).
   */
  public static final String ENGINE_RETURNED = "range.engine-returned";

  private RangeEvents() {}
}

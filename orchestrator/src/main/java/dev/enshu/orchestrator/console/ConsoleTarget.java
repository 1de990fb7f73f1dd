package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;

/** A host of one team's range in an exercise. The range id follows {@code PlanCompiler}. */
public record ConsoleTarget(String exerciseId, int team, String hostId) {
  public ConsoleTarget {
    if (exerciseId == null || exerciseId.isBlank() || hostId == null || hostId.isBlank()) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "a console needs exercise, team and host; got " + exerciseId + "/" + team + "/" + hostId);
    }
    if (team < 1) {
      throw new EnshuException(Status.BAD_REQUEST, "team numbers start at 1, got " + team);
    }
  }

  /** The provider's range id: {@code <exerciseId>-t<team>}. */
  public String rangeId() {
    return exerciseId + "-t" + team;
  }

  public HostRef hostRef() {
    return new HostRef(rangeId(), hostId);
  }

  @Override
  public String toString() {
    return "host '" + hostId + "' of team " + team + " in exercise " + exerciseId;
  }
}

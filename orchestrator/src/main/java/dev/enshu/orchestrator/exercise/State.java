package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of an exercise and of each team's range: draft → provisioning → ready → running ⇄
 * paused → finished → torn down, with failed carrying the reason. Anything else is refused.
 */
public enum State {
  DRAFT,
  PROVISIONING,
  READY,
  RUNNING,
  PAUSED,
  FINISHED,
  TORN_DOWN,
  FAILED;

  private static final Map<State, Set<State>> NEXT =
      Map.of(
          DRAFT, EnumSet.of(PROVISIONING, TORN_DOWN),
          PROVISIONING, EnumSet.of(READY, FAILED, TORN_DOWN),
          READY, EnumSet.of(RUNNING, TORN_DOWN),
          RUNNING, EnumSet.of(PAUSED, FINISHED, FAILED),
          PAUSED, EnumSet.of(RUNNING, FINISHED),
          FINISHED, EnumSet.of(TORN_DOWN),
          TORN_DOWN, EnumSet.noneOf(State.class),
          FAILED, EnumSet.of(PROVISIONING, TORN_DOWN));

  public boolean canGoTo(State next) {
    return NEXT.get(this).contains(next);
  }

  /** Checks a transition of {@code what} (such as "exercise ex1" or "team 2 of ex1"). */
  public void requireCanGoTo(State next, String what) {
    if (!canGoTo(next)) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          what
              + " cannot go from "
              + label()
              + " to "
              + next.label()
              + "; from "
              + label()
              + " it can go to "
              + NEXT.get(this).stream().map(State::label).toList());
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package dev.enshu.orchestrator.exercise;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * When each online run was last used by its member: an API request on its exercise (counted by
 * {@link OnlineActivityInterceptor}) or console input (the console gateway calls {@link
 * #touch(String, String)} on every keystroke or pointer event). Runs that are not registered here
 * are not online runs and touching them does nothing. Kept in memory: after a restart the idle
 * clock of every run starts again. Thread-safe and cheap to call.
 */
@Component
public class OnlineActivity {
  private final Clock clock;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  public OnlineActivity(Clock clock) {
    this.clock = clock;
  }

  private record Run(Set<String> members, Instant last) {}

  /** Starts watching an online run of these members, as used now. */
  public void register(String exerciseId, Set<String> members) {
    runs.put(exerciseId, new Run(Set.copyOf(members), clock.instant()));
  }

  /** Whether the run is watched. */
  public boolean watches(String exerciseId) {
    return runs.containsKey(exerciseId);
  }

  /** The run was used now by {@code user}; counts only when the user is one of its members. */
  public void touch(String exerciseId, String user) {
    runs.computeIfPresent(exerciseId, (id, run) -> run.members().contains(user) ? used(run) : run);
  }

  /**
   * The run was last used at {@code at} by {@code user} (console input, reported by the console
   * gateway's sweep); counts only for a member, and never moves the last use back.
   */
  public void touch(String exerciseId, String user, Instant at) {
    runs.computeIfPresent(
        exerciseId,
        (id, run) ->
            run.members().contains(user) && at.isAfter(run.last())
                ? new Run(run.members(), at)
                : run);
  }

  /** The run was used now, by whomever. */
  public void touch(String exerciseId) {
    runs.computeIfPresent(exerciseId, (id, run) -> used(run));
  }

  private Run used(Run run) {
    return new Run(run.members(), clock.instant());
  }

  /** When the run was last used, if it is watched. */
  public Optional<Instant> lastUsed(String exerciseId) {
    return Optional.ofNullable(runs.get(exerciseId)).map(Run::last);
  }

  /** The runs watched. */
  public Set<String> watched() {
    return Set.copyOf(runs.keySet());
  }

  /** Stops watching a run (torn down). */
  public void forget(String exerciseId) {
    runs.remove(exerciseId);
  }
}

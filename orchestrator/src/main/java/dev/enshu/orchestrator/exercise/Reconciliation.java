package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.HostGuardSchedule;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangeProvider;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After a restart, matches what the providers hold with what the database says: ranges of live
 * teams are adopted (their plans are compiled again, their clocks and timelines resume from the
 * database and the journal); a range whose provisioning a crash interrupted is removed and its team
 * marked failed, to be provisioned again; ranges of this server's exercises that no live team owns
 * are removed. Ranges of exercises this server does not know (another server's, a benchmark's) are
 * left alone. A provider that cannot be reached is reported and left alone.
 */
@Component
class Reconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  private final ExerciseStore store;
  private final Providers providers;
  private final Journal journal;
  private final Clock clock;
  private final HostGuardSchedule guard;

  Reconciliation(
      ExerciseStore store,
      Providers providers,
      Journal journal,
      Clock clock,
      HostGuardSchedule guard) {
    this.store = store;
    this.providers = providers;
    this.journal = journal;
    this.clock = clock;
    this.guard = guard;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  void reconcile() {
    for (RangeProvider provider : providers.all().values()) {
      if (!provider.probe().available()) {
        LOG.warn("not reconciling provider {}: {}", provider.id(), provider.probe().detail());
        continue;
      }
      try {
        reconcile(provider);
      } catch (RuntimeException e) {
        LOG.warn("reconciling provider {} failed: {}", provider.id(), e.getMessage(), e);
      }
    }
  }

  private void reconcile(RangeProvider provider) {
    // adopted ranges run on at once: their boundary must hold before they are ours again
    check(
        provider,
        (exercise, team, range) -> interrupted(provider, exercise, team, range),
        (exercise, team, range) -> {
          note(
              exercise.id(),
              team.number(),
              "range.adopted",
              Map.of("range", range, "state", team.state().label()));
          return true;
        });
    for (Exercise exercise : exercisesOn(provider)) {
      if (exercise.state() == State.PROVISIONING) {
        store.setState(exercise.id(), State.FAILED, "provisioning was interrupted by a restart");
      }
    }
  }

  /**
   * After the engine of {@code provider} went away and answers again (see {@link EngineWatch}): the
   * guard is ensured again, each live team's hosts that stopped with the engine are started again
   * and the team's journal says what happened; a live team whose range is gone is marked failed;
   * what no live team owns (what a provisioning the engine's stop interrupted created) is removed.
   * Teams being provisioned are left to their provisioning.
   */
  void afterEngineReturned(RangeProvider provider) {
    check(
        provider,
        (exercise, team, range) -> true,
        (exercise, team, range) -> {
          restartStopped(provider, exercise, team, range);
          return true;
        });
  }

  /** What is done with one team's range; true when the range stays the team's. */
  private interface TeamRange {
    boolean visit(Exercise exercise, Team team, String range);
  }

  /**
   * Ensures the guard, then walks the provider's teams: a team being provisioned goes to {@code
   * provisioning}, a live team whose range is present to {@code live}, a live team whose range is
   * gone is marked failed; last, the ranges of this server's exercises that no team kept are
   * removed (draft, failed and torn-down teams keep none).
   */
  private void check(RangeProvider provider, TeamRange provisioning, TeamRange live) {
    guard.beforeAdopting(provider);
    Set<String> present = present(provider);
    Set<String> owned = new HashSet<>();
    for (Exercise exercise : exercisesOn(provider)) {
      for (Team team : exercise.teams()) {
        String range = team.rangeId(exercise.id());
        boolean kept =
            switch (team.state()) {
              case PROVISIONING -> provisioning.visit(exercise, team, range);
              case READY, RUNNING, PAUSED, FINISHED ->
                  present.contains(range)
                      ? live.visit(exercise, team, range)
                      : lost(provider, exercise, team, range);
              default -> false;
            };
        if (kept) {
          owned.add(range);
        }
      }
    }
    removeUnowned(provider, present, owned);
  }

  private List<Exercise> exercisesOn(RangeProvider provider) {
    return store.all().stream().filter(e -> e.provider().equals(provider.id())).toList();
  }

  private boolean interrupted(RangeProvider provider, Exercise exercise, Team team, String range) {
    provider.destroy(range);
    store.setTeamState(
        exercise.id(),
        team.number(),
        State.FAILED,
        "provisioning was interrupted by a restart; provision again");
    note(
        exercise.id(),
        team.number(),
        "range.failed",
        Map.of("range", range, "reason", "provisioning was interrupted by a restart"));
    return false;
  }

  private void restartStopped(RangeProvider provider, Exercise exercise, Team team, String range) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("range", range);
    data.put("provider", provider.id());
    try {
      data.put("restarted", provider.restartStopped(range));
    } catch (RuntimeException e) {
      LOG.warn("restarting the stopped hosts of range {} failed: {}", range, e.getMessage());
      data.put("problem", String.valueOf(e.getMessage()));
    }
    note(exercise.id(), team.number(), RangeEvents.ENGINE_RETURNED, data);
  }

  private boolean lost(RangeProvider provider, Exercise exercise, Team team, String range) {
    store.setTeamState(
        exercise.id(),
        team.number(),
        State.FAILED,
        "its range is gone from provider " + provider.id());
    note(exercise.id(), team.number(), "range.lost", Map.of("range", range));
    return false;
  }

  private static Set<String> present(RangeProvider provider) {
    Set<String> present = new HashSet<>();
    provider
        .list()
        .forEach(
            r -> {
              if (r.rangeId() != null) {
                present.add(r.rangeId());
              }
            });
    return present;
  }

  /** Removes the ranges of this server's exercises that are present but not owned. */
  private void removeUnowned(RangeProvider provider, Set<String> present, Set<String> owned) {
    Set<String> known = new HashSet<>();
    store.all().forEach(e -> known.add(e.id()));
    for (String range : present) {
      String exercise = range.replaceFirst("-t\\d+$", "");
      if (!owned.contains(range) && known.contains(exercise)) {
        provider.destroy(range);
        LOG.info("removed range {}, which no live team of exercise {} owns", range, exercise);
      } else if (!owned.contains(range)) {
        LOG.info(
            "leaving range {} alone: exercise {} is not in this server's database",
            range,
            exercise);
      }
    }
  }

  private void note(String exercise, int team, String type, Map<String, Object> data) {
    journal.append(
        JournalEvent.of(
            exercise, team, clock.instant(), type, "orchestrator", new LinkedHashMap<>(data)));
  }
}

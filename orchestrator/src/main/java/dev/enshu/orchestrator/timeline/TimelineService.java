package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.WorkerPools;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.scenario.TimelineItem;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Drives the timeline: one thread wakes when the next item falls due (at most every 100 ms) and
 * lets the engine fire what is due for every running team; actions run on a pool of workers. It
 * starts when the server is ready, after the ranges have been reconciled.
 */
@Service
public class TimelineService {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineService.class);
  private static final Duration MAX_SLEEP = Duration.ofMillis(100);

  private final ExerciseStore store;
  private final Plans plans;
  private final Providers providers;
  private final Clock clock;
  private final TimelineEngine engine;
  private volatile Thread driver;
  private volatile boolean running;

  public TimelineService(
      ExerciseStore store,
      Plans plans,
      Providers providers,
      Journal journal,
      Clock clock,
      @Qualifier(WorkerPools.TIMELINE) Executor workers) {
    this.store = store;
    this.plans = plans;
    this.providers = providers;
    this.clock = clock;
    this.engine = new TimelineEngine(journal, workers, clock);
  }

  @EventListener(ApplicationReadyEvent.class)
  public synchronized void startDriver() {
    if (driver != null) {
      return;
    }
    running = true;
    driver = new Thread(this::drive, "enshu-timeline");
    driver.setDaemon(true);
    driver.start();
  }

  private void drive() {
    while (running) {
      Instant now = clock.instant();
      Instant wake = now.plus(MAX_SLEEP);
      try {
        Optional<Instant> next = engine.tick(now, activeTeams());
        if (next.isPresent() && next.get().isBefore(wake)) {
          wake = next.get();
        }
      } catch (RuntimeException e) {
        LOG.warn("timeline tick failed: {}", e.getMessage(), e);
      }
      long nanos = Duration.between(clock.instant(), wake).toNanos();
      if (nanos > 0) {
        LockSupport.parkNanos(nanos);
      }
    }
  }

  /** Wakes the driver at once (after a start, a resume, a check result). */
  public void wake() {
    Thread current = driver;
    if (current != null) {
      LockSupport.unpark(current);
    }
  }

  /** Teams whose clock has started and not finished. */
  public List<ActiveTeam> activeTeams() {
    List<ActiveTeam> teams = new ArrayList<>();
    for (Exercise exercise : store.all()) {
      if (exercise.state() != State.RUNNING && exercise.state() != State.PAUSED) {
        continue;
      }
      for (Team team : exercise.teams()) {
        if (team.state() == State.RUNNING || team.state() == State.PAUSED) {
          teams.add(active(exercise, team));
        }
      }
    }
    return teams;
  }

  private ActiveTeam active(Exercise exercise, Team team) {
    return new ActiveTeam(
        exercise.id(),
        team,
        exercise.speed(),
        plans.scenario(exercise.scenario()).scenario(),
        plans.plan(exercise, team),
        new ActionRunner(providers.get(exercise.provider())));
  }

  public void skip(String exerciseId, int teamNumber, String item, String actor) {
    Exercise exercise = store.require(exerciseId);
    ActiveTeam team = active(exercise, exercise.requireTeam(teamNumber));
    requireItem(team, item);
    if (!engine.skip(team, item, actor, clock.instant())) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "'" + item + "' was already fired or skipped for team " + teamNumber);
    }
  }

  public void refire(String exerciseId, int teamNumber, String item, String actor) {
    Exercise exercise = store.require(exerciseId);
    ActiveTeam team = active(exercise, exercise.requireTeam(teamNumber));
    engine.refire(team, item, actor, clock.instant());
  }

  /**
   * Fires an inject or sends a message of a running or paused team now, before it falls due; at
   * most once, as the timeline itself would. CONFLICT when it was already fired, sent or skipped.
   */
  public dev.enshu.orchestrator.journal.JournalEvent fireNow(
      String exerciseId, int teamNumber, String item, String actor) {
    Exercise exercise = store.require(exerciseId);
    Team chosen = exercise.requireTeam(teamNumber);
    if (chosen.state() != State.RUNNING && chosen.state() != State.PAUSED) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "team "
              + teamNumber
              + " of "
              + exerciseId
              + " is "
              + chosen.state().label()
              + "; injects are fired while it runs or is paused");
    }
    ActiveTeam team = active(exercise, chosen);
    requireItem(team, item);
    TimelineItem timelineItem =
        team.scenario().items().filter(i -> i.id().equals(item)).findFirst().orElseThrow();
    var fired = engine.fireNow(team, timelineItem, actor, clock.instant());
    if (fired.isEmpty()) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "'" + item + "' was already fired or skipped for team " + teamNumber);
    }
    wake();
    return fired.get();
  }

  private static void requireItem(ActiveTeam team, String item) {
    if (team.scenario().items().noneMatch(i -> i.id().equals(item))) {
      throw new EnshuException(
          EnshuException.Status.NOT_FOUND,
          "scenario " + team.scenario().id() + " has no inject or message '" + item + "'");
    }
  }

  /** Stops the driver; the actions it started finish on their pool, which closes after this. */
  @PreDestroy
  public void stop() {
    running = false;
    wake();
  }
}

package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The online self-paced mode: one person, one range. A run is an exercise of mode {@code online}
 * with one team whose only member is the person who started it; it is provisioned and started at
 * once, and torn down when its member ends it or when it has been idle (no request and no console
 * input from its member, see {@link OnlineActivity}) for {@code enshu.online.idle-timeout}. The
 * number of runs is bounded per user (at once and per day), per scenario and for the whole server
 * ({@link OnlineQuotas}); who may start one at all is the caller's to check.
 */
@Service
public class OnlineRuns {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineRuns.class);
  static final String IDLE = "idle";

  /** States in which a run holds (or is about to hold) a range. */
  private static final Set<State> LIVE =
      EnumSet.of(
          State.DRAFT,
          State.PROVISIONING,
          State.READY,
          State.RUNNING,
          State.PAUSED,
          State.FINISHED);

  private final ExerciseTeams exerciseTeams;
  private final ExerciseProvisioning exerciseProvisioning;
  private final ExerciseLifecycle exerciseLifecycle;
  private final ExerciseStore store;
  private final ScenarioCatalogue catalogue;
  private final OnlineActivity activity;
  private final OnlineProperties settings;
  private final OnlineQuotas quotas;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public OnlineRuns(
      ExerciseTeams exerciseTeams,
      ExerciseProvisioning exerciseProvisioning,
      ExerciseLifecycle exerciseLifecycle,
      ExerciseStore store,
      ScenarioCatalogue catalogue,
      OnlineActivity activity,
      OnlineProperties settings,
      Clock clock) {
    this.exerciseTeams = exerciseTeams;
    this.exerciseProvisioning = exerciseProvisioning;
    this.exerciseLifecycle = exerciseLifecycle;
    this.store = store;
    this.catalogue = catalogue;
    this.activity = activity;
    this.settings = settings;
    this.quotas = new OnlineQuotas(settings);
    this.clock = clock;
  }

  /** A run as its member sees it in the list. {@code idleDeadline} is null unless it is live. */
  public record Run(
      String exercise, int team, String scenario, State state, Instant idleDeadline) {}

  /** A run just created: its exercise and team. */
  public record Created(String exercise, int team) {}

  /**
   * Creates a run of a catalogue scenario for {@code user} and starts provisioning it; it starts by
   * itself when its range is ready. Refused when it would exceed one of the {@link OnlineQuotas}.
   */
  public synchronized Created create(String user, String scenarioId) {
    if (scenarioId == null || scenarioId.isBlank()) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "an online run needs a scenario; the catalogue has " + catalogue.entries().keySet());
    }
    ScenarioCatalogue.Entry entry = catalogue.require(scenarioId);
    quotas.check(user, scenarioId, entry.source(), onlineRuns(), liveRuns(), clock.instant());
    byte[] suffix = new byte[5];
    random.nextBytes(suffix);
    String id = "online-" + HexFormat.of().formatHex(suffix);
    exerciseTeams.create(
        new ExerciseRequest(
            id,
            entry.source(),
            random.nextLong(1, Long.MAX_VALUE),
            Exercise.Mode.ONLINE,
            settings.provider(),
            1.0,
            List.of(),
            List.of(new ExerciseRequest.TeamRequest(user, null, List.of(user)))),
        user);
    activity.register(id, Set.of(user));
    java.util.concurrent.CompletableFuture<Exercise> provisioning;
    try {
      provisioning = exerciseProvisioning.provision(id, user);
    } catch (RuntimeException e) {
      // no address block free, provider gone: the draft must not count against the limits
      exerciseLifecycle.teardown(id, user, "provisioning refused");
      activity.forget(id);
      throw e;
    }
    provisioning
        .thenAccept(
            ready -> {
              if (ready.state() == State.READY) {
                // provisioning is not idleness: the idle clock starts when the range is there
                activity.touch(id);
                exerciseLifecycle.start(id, TeamScope.ALL, user);
              }
            })
        .exceptionally(
            e -> {
              LOG.warn("online run {} of {} did not start: {}", id, user, e.getMessage());
              return null;
            });
    return new Created(id, 1);
  }

  /** The user's runs that are not torn down. */
  public List<Run> of(String user) {
    List<Run> runs = new ArrayList<>();
    for (Exercise e : store.all()) {
      if (e.mode() == Exercise.Mode.ONLINE && e.state() != State.TORN_DOWN && isMember(e, user)) {
        runs.add(
            new Run(
                e.id(),
                1,
                catalogueId(e),
                e.state(),
                activity.lastUsed(e.id()).map(t -> t.plus(settings.idleTimeout())).orElse(null)));
      }
    }
    return runs;
  }

  /**
   * Whether {@code user} is the member of the online run {@code id}; false when there is no such
   * run.
   */
  public boolean isMemberOf(String id, String user) {
    // answers without saying whether the exercise exists: the caller checks access first
    return store
        .find(id)
        .filter(e -> e.mode() == Exercise.Mode.ONLINE && isMember(e, user))
        .isPresent();
  }

  /** Ends a run and removes its range. Ending a run already torn down does nothing. */
  public synchronized void end(String id, String actor, String reason) {
    Exercise run = requireRun(id);
    switch (run.state()) {
      case TORN_DOWN -> {
        return;
      }
      case PROVISIONING ->
          throw new EnshuException(
              Status.CONFLICT,
              "online run " + id + " is still being provisioned; end it when it is ready");
      case RUNNING, PAUSED -> exerciseLifecycle.finish(id, actor, reason);
      default -> {
        // draft, ready, finished and failed runs go straight to teardown
      }
    }
    exerciseLifecycle.teardown(id, actor, reason);
    activity.forget(id);
  }

  /**
   * Tears down every run idle for longer than the timeout, journalled with reason {@code idle}.
   * Runs still provisioning wait; a run not watched yet (after a restart) starts its idle clock
   * now. Returns the ids torn down.
   */
  public List<String> sweep() {
    Instant now = clock.instant();
    List<String> ended = new ArrayList<>();
    List<Exercise> live = liveRuns();
    // runs torn down by other means (the exercise API) are no longer watched
    Set<String> liveIds = new HashSet<>(live.stream().map(Exercise::id).toList());
    activity.watched().stream().filter(id -> !liveIds.contains(id)).forEach(activity::forget);
    for (Exercise run : live) {
      if (run.state() == State.PROVISIONING) {
        continue;
      }
      if (!activity.watches(run.id())) {
        activity.register(run.id(), members(run));
        continue;
      }
      Instant last = activity.lastUsed(run.id()).orElse(now);
      if (Duration.between(last, now).compareTo(settings.idleTimeout()) >= 0) {
        try {
          end(run.id(), "online", IDLE);
          ended.add(run.id());
        } catch (RuntimeException e) {
          LOG.warn("could not tear down idle online run {}: {}", run.id(), e.getMessage());
        }
      }
    }
    return ended;
  }

  private List<Exercise> liveRuns() {
    return onlineRuns().stream().filter(e -> LIVE.contains(e.state())).toList();
  }

  private List<Exercise> onlineRuns() {
    return store.all().stream().filter(e -> e.mode() == Exercise.Mode.ONLINE).toList();
  }

  private Exercise requireRun(String id) {
    Exercise exercise =
        store
            .find(id)
            .orElseThrow(() -> new EnshuException(Status.NOT_FOUND, "no online run '" + id + "'"));
    if (exercise.mode() != Exercise.Mode.ONLINE) {
      throw new EnshuException(
          Status.NOT_FOUND,
          "exercise " + id + " is not an online run (its mode is " + exercise.mode() + ")");
    }
    return exercise;
  }

  private String catalogueId(Exercise e) {
    try {
      return catalogue.idOf(e.scenario());
    } catch (RuntimeException ex) {
      return e.scenario();
    }
  }

  static boolean isMember(Exercise e, String user) {
    return members(e).contains(user);
  }

  private static Set<String> members(Exercise e) {
    Set<String> members = new HashSet<>();
    e.teams().forEach(t -> members.addAll(t.members()));
    return members;
  }
}

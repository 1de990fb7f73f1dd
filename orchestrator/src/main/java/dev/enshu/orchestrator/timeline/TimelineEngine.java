package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.exercise.RangeEvents;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.Substitution;
import dev.enshu.scenario.Condition;
import dev.enshu.scenario.GroundTruth;
import dev.enshu.scenario.Inject;
import dev.enshu.scenario.Message;
import dev.enshu.scenario.TimelineItem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Decides, for every active team, which injects and messages are due, reads their conditions, and
 * fires or skips them. Every decision is first claimed in the journal under a once-key, so an item
 * is fired at most once per team even across a crash and restart; the action then runs on the
 * executor and its outcome is journalled. Time comes only from the {@code now} it is given.
 */
public final class TimelineEngine {
  public static final String FIRED = "inject.fired";
  public static final String SENT = "message.sent";
  public static final String SKIPPED = "timeline.skipped";
  public static final String COMPLETED = "inject.completed";
  public static final String FAILED = "inject.failed";
  public static final String RETRIED = "inject.retried";
  public static final String CHECK_RESULT = "check.result";
  public static final String FINDING_ACCEPTED = "finding.accepted";

  private final Journal journal;
  private final Executor actions;
  private final java.time.Clock clock;

  /**
   * Decisions per team key, then per item id: the scenario time it fired at, or null if skipped.
   */
  private final Map<String, Map<String, Decision>> decided = new ConcurrentHashMap<>();

  /**
   * Injects whose action failed while their team's engine did not answer, per team key, then per
   * item id: the journal's last sequence number before the action ran. Each runs again, once, when
   * the team's journal says the engine answered again after that.
   */
  private final Map<String, Map<String, Long>> awaitingEngine = new ConcurrentHashMap<>();

  public TimelineEngine(Journal journal, Executor actions, java.time.Clock clock) {
    this.journal = journal;
    this.actions = actions;
    this.clock = clock;
  }

  /** What happened to an item: fired at a scenario time, or skipped. */
  record Decision(boolean fired, Duration at) {}

  /**
   * Does what is due at {@code now} for every team; returns when the next item falls due (real
   * time), or empty when nothing is scheduled.
   */
  public Optional<Instant> tick(Instant now, List<ActiveTeam> teams) {
    Instant next = null;
    for (ActiveTeam team : teams) {
      if (team.team().startedAt() == null) {
        continue;
      }
      Optional<Instant> due = tick(now, team);
      if (due.isPresent() && (next == null || due.get().isBefore(next))) {
        next = due.get();
      }
    }
    return Optional.ofNullable(next);
  }

  private Optional<Instant> tick(Instant now, ActiveTeam team) {
    Map<String, Decision> decisions = decided.computeIfAbsent(team.key(), k -> load(team));
    retryAfterEngineReturned(team, now);
    Duration clock = team.team().scenarioTime(now, team.speed());
    boolean paused = team.team().pausedAt() != null;
    Instant next = null;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (TimelineItem item : (Iterable<TimelineItem>) team.scenario().items()::iterator) {
        if (decisions.containsKey(item.id())) {
          continue;
        }
        Optional<Duration> due = dueTime(item, decisions);
        if (due == null) {
          decide(
              team,
              item,
              decisions,
              false,
              clock,
              Duration.ZERO,
              now,
              "follows '" + item.after() + "', which was skipped");
          progress = true;
          continue;
        }
        if (due.isEmpty()) {
          continue;
        }
        if (!paused && due.get().compareTo(clock) <= 0) {
          Instant dueReal = team.team().realInstantOf(due.get(), team.speed());
          String unmet = unmetCondition(team, item);
          decide(
              team,
              item,
              decisions,
              unmet == null,
              due.get(),
              Duration.between(dueReal, now),
              now,
              unmet);
          progress = true;
        } else if (!paused) {
          Instant at = team.team().realInstantOf(due.get(), team.speed());
          if (next == null || at.isBefore(next)) {
            next = at;
          }
        }
      }
    }
    return Optional.ofNullable(next);
  }

  /**
   * When an item falls due in scenario time: empty while it waits for the item it follows; null
   * when that one was skipped, so this one never comes.
   */
  private static Optional<Duration> dueTime(TimelineItem item, Map<String, Decision> decisions) {
    if (item.at() != null) {
      return Optional.of(item.at().duration());
    }
    Decision before = decisions.get(item.after());
    if (before == null) {
      return Optional.empty();
    }
    return before.fired() ? Optional.of(before.at().plus(item.delayOrZero().duration())) : null;
  }

  /** The first condition that does not hold now, described; null when all hold. */
  private String unmetCondition(ActiveTeam team, TimelineItem item) {
    for (Condition condition : item.conditions()) {
      if (condition instanceof Condition.CheckState c) {
        boolean passed = hasPassed(team, c.check());
        if (passed != c.passed()) {
          return "check '" + c.check() + "' has " + (passed ? "" : "not ") + "passed";
        }
      } else if (condition instanceof Condition.ObjectiveState o) {
        boolean answered =
            journal.read(team.exerciseId(), team.team().number(), FINDING_ACCEPTED).stream()
                .anyMatch(e -> o.objective().equals(e.data().get("objective")));
        if (answered != o.answered()) {
          return "objective '" + o.objective() + "' is " + (answered ? "" : "not ") + "answered";
        }
      }
    }
    return null;
  }

  private boolean hasPassed(ActiveTeam team, String check) {
    return journal.read(team.exerciseId(), team.team().number(), CHECK_RESULT).stream()
        .anyMatch(
            e ->
                check.equals(e.data().get("check")) && Boolean.TRUE.equals(e.data().get("passed")));
  }

  private void decide(
      ActiveTeam team,
      TimelineItem item,
      Map<String, Decision> decisions,
      boolean fire,
      Duration at,
      Duration late,
      Instant now,
      String reason) {
    Map<String, Object> data;
    String type;
    if (!fire) {
      type = SKIPPED;
      data = new LinkedHashMap<>();
      data.put("item", item.id());
      data.put("scenarioMillis", at.toMillis());
      data.put("reason", reason);
    } else {
      type = item instanceof Inject ? FIRED : SENT;
      data = firedData(team, item, at, late);
    }
    JournalEvent event =
        JournalEvent.of(team.exerciseId(), team.team().number(), now, type, "timeline", data)
            .once(onceKey(team, item.id()));
    Optional<JournalEvent> claimed = journal.appendOnce(event);
    decisions.put(item.id(), new Decision(fire, at));
    if (claimed.isPresent() && fire && item instanceof Inject inject) {
      actions.execute(() -> runAction(team, inject));
    }
  }

  /** What the journal keeps of a fired inject (with its ground truth) or a sent message. */
  private static Map<String, Object> firedData(
      ActiveTeam team, TimelineItem item, Duration at, Duration late) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("item", item.id());
    data.put("scenarioMillis", at.toMillis());
    data.put("lateMillis", Math.max(0, late.toMillis()));
    Map<String, String> v = team.plan().variables();
    if (item instanceof Inject inject) {
      data.put("title", Map.of("ja", inject.title().ja(), "en", inject.title().en()));
      data.put("technique", inject.technique());
      data.put("action", actionType(inject));
      data.put("groundTruth", groundTruth(inject.groundTruth(), v));
    } else {
      Message message = (Message) item;
      data.put("from", localized(message.from().ja(), message.from().en(), v));
      data.put("subject", localized(message.subject().ja(), message.subject().en(), v));
      data.put("body", localized(message.body().ja(), message.body().en(), v));
      data.put("channel", message.channel() == null ? "console" : message.channel().id());
    }
    return data;
  }

  /**
   * Fires an inject (or sends a message) now, before it falls due, on the instructor's word. The
   * item's once-key is claimed exactly as the timeline claims it, so neither the timeline nor a
   * second request fires it again, and its action runs once. The event names the instructor as its
   * actor and carries {@code firedBy}. Empty when the item was already fired, sent or skipped.
   */
  public Optional<JournalEvent> fireNow(
      ActiveTeam team, TimelineItem item, String actor, Instant now) {
    Map<String, Decision> decisions = decided.computeIfAbsent(team.key(), k -> load(team));
    if (decisions.containsKey(item.id())) {
      return Optional.empty();
    }
    Duration at = team.team().scenarioTime(now, team.speed());
    Map<String, Object> data = firedData(team, item, at, Duration.ZERO);
    data.put("firedBy", actor);
    Optional<JournalEvent> claimed =
        journal.appendOnce(
            JournalEvent.of(
                    team.exerciseId(),
                    team.team().number(),
                    now,
                    item instanceof Inject ? FIRED : SENT,
                    actor,
                    data)
                .once(onceKey(team, item.id())));
    if (claimed.isEmpty()) {
      // the timeline decided it meanwhile: read its decision from the journal next time
      decided.remove(team.key());
      return claimed;
    }
    decisions.put(item.id(), new Decision(true, at));
    if (item instanceof Inject inject) {
      actions.execute(() -> runAction(team, inject));
    }
    return claimed;
  }

  /** Runs an inject's action again on the instructor's word; journalled as such. */
  public void refire(ActiveTeam team, String itemId, String actor, Instant now) {
    Inject inject =
        team.scenario()
            .inject(itemId)
            .orElseThrow(
                () ->
                    new dev.enshu.orchestrator.EnshuException(
                        dev.enshu.orchestrator.EnshuException.Status.NOT_FOUND,
                        "scenario has no inject '" + itemId + "'"));
    journal.append(
        JournalEvent.of(
            team.exerciseId(),
            team.team().number(),
            now,
            "inject.refired",
            actor,
            Map.of("item", itemId)));
    actions.execute(() -> runAction(team, inject));
  }

  /** Skips an item on the instructor's word, if it has not been decided yet. */
  public boolean skip(ActiveTeam team, String itemId, String actor, Instant now) {
    Map<String, Object> data =
        Map.of(
            "item",
            itemId,
            "reason",
            "skipped by " + actor,
            "scenarioMillis",
            team.team().scenarioTime(now, team.speed()).toMillis());
    Optional<JournalEvent> claimed =
        journal.appendOnce(
            JournalEvent.of(team.exerciseId(), team.team().number(), now, SKIPPED, actor, data)
                .once(onceKey(team, itemId)));
    decided
        .computeIfAbsent(team.key(), k -> load(team))
        .put(itemId, new Decision(false, Duration.ZERO));
    return claimed.isPresent();
  }

  private void runAction(ActiveTeam team, Inject inject) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("item", inject.id());
    long before = journal.lastSeq(team.exerciseId());
    String type;
    try {
      ActionRunner.Outcome outcome = team.actions().run(team.plan(), inject.action());
      data.putAll(outcome.details());
      type = outcome.ok() ? COMPLETED : FAILED;
    } catch (RuntimeException e) {
      data.put("error", e.getMessage());
      type = FAILED;
    }
    if (type.equals(FAILED) && !team.actions().engineAnswers()) {
      data.put("engineAway", true);
      data.put("retryAfterSeq", before);
      awaitingEngine
          .computeIfAbsent(team.key(), k -> new ConcurrentHashMap<>())
          .put(inject.id(), before);
    }
    journal.append(
        JournalEvent.of(
            team.exerciseId(), team.team().number(), clock.instant(), type, "timeline", data));
  }

  /**
   * Runs again, once each, the actions that failed while the team's engine did not answer, when the
   * journal says the engine answered again. The run is claimed under a once-key (the item and the
   * failure), so a second server or a restart does not run it twice.
   */
  private void retryAfterEngineReturned(ActiveTeam team, Instant now) {
    Map<String, Long> waiting = awaitingEngine.get(team.key());
    if (waiting == null || waiting.isEmpty()) {
      return;
    }
    long returned =
        journal.read(team.exerciseId(), team.team().number(), RangeEvents.ENGINE_RETURNED).stream()
            .mapToLong(JournalEvent::seq)
            .max()
            .orElse(-1);
    for (Map.Entry<String, Long> entry : List.copyOf(waiting.entrySet())) {
      if (returned <= entry.getValue()) {
        continue;
      }
      waiting.remove(entry.getKey());
      Optional<Inject> inject = team.scenario().inject(entry.getKey());
      Optional<JournalEvent> claimed =
          journal.appendOnce(
              JournalEvent.of(
                      team.exerciseId(),
                      team.team().number(),
                      now,
                      RETRIED,
                      "timeline",
                      Map.of(
                          "item",
                          entry.getKey(),
                          "reason",
                          "its action failed while the engine did not answer; the engine answers"
                              + " again"))
                  .once(
                      "timeline-retry:"
                          + team.team().number()
                          + ":"
                          + entry.getKey()
                          + ":"
                          + entry.getValue()));
      if (claimed.isPresent() && inject.isPresent()) {
        actions.execute(() -> runAction(team, inject.get()));
      }
    }
  }

  /** Forgets a team's decisions, so they are read from the journal again (after a reset). */
  public void forget(String exerciseId, int team) {
    decided.remove(exerciseId + "/" + team);
    awaitingEngine.remove(exerciseId + "/" + team);
  }

  /**
   * What was decided for a team, from the journal; also which failed actions still wait for their
   * engine (failed while it was away, not yet run again).
   */
  private Map<String, Decision> load(ActiveTeam team) {
    Map<String, Decision> decisions = new ConcurrentHashMap<>();
    Map<String, Long> waiting = new ConcurrentHashMap<>();
    for (JournalEvent e : journal.read(team.exerciseId(), team.team().number(), 0)) {
      if (!Integer.valueOf(team.team().number()).equals(e.team())) {
        continue;
      }
      if (e.type().equals(FAILED)
          && Boolean.TRUE.equals(e.data().get("engineAway"))
          && e.data().get("retryAfterSeq") instanceof Number after) {
        waiting.put((String) e.data().get("item"), after.longValue());
      } else if (e.type().equals(RETRIED)) {
        waiting.remove((String) e.data().get("item"));
      }
      if ((e.type().equals(FIRED) || e.type().equals(SENT) || e.type().equals(SKIPPED))
          && e.onceKey() != null) {
        Number millis = (Number) e.data().getOrDefault("scenarioMillis", 0);
        decisions.put(
            (String) e.data().get("item"),
            new Decision(!e.type().equals(SKIPPED), Duration.ofMillis(millis.longValue())));
      }
    }
    awaitingEngine.put(team.key(), waiting);
    return decisions;
  }

  static String onceKey(ActiveTeam team, String itemId) {
    return "timeline:" + team.team().number() + ":" + itemId;
  }

  /** The action's type as the scenario names it, such as {@code implant}. */
  static String actionType(Inject inject) {
    for (com.fasterxml.jackson.annotation.JsonSubTypes.Type type :
        dev.enshu.scenario.Action.class
            .getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class)
            .value()) {
      if (type.value() == inject.action().getClass()) {
        return type.name();
      }
    }
    return inject.action().getClass().getSimpleName();
  }

  private static Map<String, Object> groundTruth(GroundTruth truth, Map<String, String> v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("summary", localized(truth.summary().ja(), truth.summary().en(), v));
    out.put("hosts", truth.hosts().stream().map(h -> Substitution.apply(h, v)).toList());
    out.put(
        "indicators",
        truth.indicatorsOrEmpty().stream()
            .map(i -> Map.of("kind", i.kind().id(), "value", Substitution.apply(i.value(), v)))
            .toList());
    return out;
  }

  private static Map<String, String> localized(String ja, String en, Map<String, String> v) {
    Map<String, String> out = new HashMap<>();
    out.put("ja", Substitution.apply(ja, v));
    out.put("en", Substitution.apply(en, v));
    return out;
  }
}

package dev.enshu.orchestrator.checks;

import dev.enshu.orchestrator.WorkerPools;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.Substitution;
import dev.enshu.orchestrator.timeline.ActiveTeam;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.orchestrator.timeline.TimelineService;
import dev.enshu.scenario.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs every running team's checks when they are due: every {@code every} of scenario time (at
 * least three real seconds apart), once the inject they follow has fired. A run that cannot finish
 * (host gone, timeout) is journalled as an error, never as a pass. Runs of one check for one team
 * never overlap. A check that observes is made through the provider from outside the host and runs
 * nothing in it; a probe runs in the range's hidden checker host; only a check that says {@code
 * run} runs a command inside.
 */
@Service
public class CheckRunner {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int OUTPUT_KEPT = 500;

  /** However fast a demo runs, one check of one team runs at most every few real seconds. */
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(3);

  private final TimelineService timeline;
  private final Providers providers;
  private final Journal journal;
  private final Clock clock;
  private final Executor workers;
  private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public CheckRunner(
      TimelineService timeline,
      Providers providers,
      Journal journal,
      Clock clock,
      @Qualifier(WorkerPools.CHECKS) Executor workers) {
    this.timeline = timeline;
    this.providers = providers;
    this.journal = journal;
    this.clock = clock;
    this.workers = workers;
  }

  @Scheduled(fixedDelay = 500)
  public void runDue() {
    Instant now = clock.instant();
    for (ActiveTeam team : timeline.activeTeams()) {
      if (team.team().pausedAt() != null || team.team().startedAt() == null) {
        continue;
      }
      List<String> finished = null;
      for (Check check : team.scenario().checks()) {
        String key = team.exerciseId() + "/" + team.team().number() + "/" + check.id();
        Duration interval =
            Duration.ofMillis(
                Math.max(
                    MIN_INTERVAL.toMillis(),
                    (long) (check.every().duration().toMillis() / team.speed())));
        Instant last = lastRun.get(key);
        if (inFlight.contains(key) || (last != null && last.plus(interval).isAfter(now))) {
          continue;
        }
        if (check.after() != null) {
          if (finished == null) {
            finished = finishedInjects(team);
          }
          if (!finished.contains(check.after())) {
            continue;
          }
        }
        lastRun.put(key, now);
        inFlight.add(key);
        workers.execute(
            () -> {
              try {
                run(team, check);
              } finally {
                inFlight.remove(key);
              }
            });
      }
    }
  }

  private List<String> finishedInjects(ActiveTeam team) {
    // a check waits for its inject's action to finish, not only to start: until then the range
    // has not changed yet, and a check that passed then would reward nothing the team did
    List<String> done = new java.util.ArrayList<>();
    done.addAll(
        journal.read(team.exerciseId(), team.team().number(), TimelineEngine.COMPLETED).stream()
            .map(e -> (String) e.data().get("item"))
            .toList());
    done.addAll(
        journal.read(team.exerciseId(), team.team().number(), TimelineEngine.FAILED).stream()
            .map(e -> (String) e.data().get("item"))
            .toList());
    return done;
  }

  /** Runs one check now and journals its result. */
  public void run(ActiveTeam team, Check check) {
    Map<String, String> v = team.plan().variables();
    String host = Substitution.apply(check.host(), v);
    RangeProvider provider = providers.get(team.actions().providerId());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("check", check.id());
    data.put("kind", check.kind().id());
    data.put("host", host);
    data.put("scenarioMillis", team.team().scenarioTime(clock.instant(), team.speed()).toMillis());
    RangeProvider.HostRef ref = new RangeProvider.HostRef(team.plan().rangeId(), host);
    try {
      if (check.observe() != null) {
        // from outside the host: nothing runs in it, and the values compared stay here
        data.put("probe", "observe");
        Observation.Outcome outcome = Observation.observe(provider, ref, check.observe(), v);
        data.put("passed", outcome.passed());
        data.put("status", outcome.passed() ? "passed" : "failed");
        data.put("output", outcome.detail());
      } else if (check.probe() != null) {
        // from the hidden checker host of the probe's segment, over the network
        data.put("probe", "checker");
        data.put("from", check.probe().from());
        Observation.Outcome outcome =
            NetworkProbe.probe(provider, team.plan(), host, check.probe(), v);
        data.put("passed", outcome.passed());
        data.put("status", outcome.passed() ? "passed" : "failed");
        data.put("output", outcome.detail());
      } else {
        data.put("probe", "run");
        runInside(provider, ref, check, v, data);
      }
    } catch (RuntimeException e) {
      data.put("passed", false);
      data.put("status", "error");
      data.put("error", String.valueOf(e.getMessage()));
    }
    journal.append(
        JournalEvent.of(
            team.exerciseId(),
            team.team().number(),
            clock.instant(),
            TimelineEngine.CHECK_RESULT,
            "checks",
            data));
    if (Boolean.TRUE.equals(data.get("passed"))) {
      timeline.wake();
    }
  }

  /**
   * Runs the check's command in the host, where its root can read the command line and replace the
   * programs it calls; only for what the engine cannot observe from outside.
   */
  private static void runInside(
      RangeProvider provider,
      RangeProvider.HostRef ref,
      Check check,
      Map<String, String> v,
      Map<String, Object> data) {
    ExecResult result =
        provider.exec(ref, List.of("bash", "-c", Substitution.apply(check.run(), v)), TIMEOUT);
    boolean passed = !result.timedOut() && passes(check, result);
    data.put("passed", passed);
    data.put("status", result.timedOut() ? "error" : passed ? "passed" : "failed");
    data.put("exitCode", result.exitCode());
    String output = (result.stdout() + result.stderr()).strip();
    data.put("output", output.length() > OUTPUT_KEPT ? output.substring(0, OUTPUT_KEPT) : output);
    if (result.timedOut()) {
      data.put("error", "did not finish in " + TIMEOUT.toSeconds() + " s");
    }
  }

  static boolean passes(Check check, ExecResult result) {
    Check.Pass pass = check.pass();
    boolean code = pass.exitCode() == null || pass.exitCode() == result.exitCode();
    boolean text = pass.outputContains() == null || result.stdout().contains(pass.outputContains());
    return code && text;
  }
}

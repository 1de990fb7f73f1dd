package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.EnshuApplication;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseLifecycle;
import dev.enshu.orchestrator.exercise.ExerciseProvisioning;
import dev.enshu.orchestrator.exercise.ExerciseRequest;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.ExerciseTeams;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.TeamScope;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The demo exercise: starts the server on the embedded defaults, builds the images it lacks,
 * provisions two teams of {@code phishing-ransomware} on real containers, runs the timeline fast,
 * lets a scripted defender play team 1 while team 2 does nothing, prints the live journal, ends
 * with a summary per team and leaves the server running.
 */
@Command(name = "demo", description = "Run the demo exercise on the embedded defaults.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default ${DEFAULT-VALUE})")
  int port;

  @Mixin ServerAddressOption address = new ServerAddressOption();

  @Option(
      names = "--speed",
      defaultValue = "60",
      description = "Scenario seconds per real second (default ${DEFAULT-VALUE}: 3 h in 3 min)")
  double speed;

  @Option(
      names = "--data-dir",
      defaultValue = "./data/demo",
      description = "Where the demo's database lives (default ${DEFAULT-VALUE})")
  String dataDir;

  @Option(
      names = "--exit",
      description =
          "Tear the ranges down and stop when the demo is over, instead of leaving the server running")
  boolean exit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DemoScripts scripts = DemoScripts.load();
    ConfigurableApplicationContext app =
        EnshuApplication.start(
            "--server.port=" + port,
            address.springArgument(),
            "--enshu.data-dir=" + dataDir,
            "--logging.level.root=WARN",
            // the demo makes its own accounts, the instructor among them, and prints them below
            "--enshu.security.first-instructor=");
    DockerRangeProvider docker = app.getBean(DockerRangeProvider.class);
    ExerciseTeams exerciseTeams = app.getBean(ExerciseTeams.class);
    ExerciseProvisioning exerciseProvisioning = app.getBean(ExerciseProvisioning.class);
    ExerciseLifecycle exerciseLifecycle = app.getBean(ExerciseLifecycle.class);
    ExerciseStore store = app.getBean(ExerciseStore.class);
    Journal journal = app.getBean(Journal.class);
    Plans plans = app.getBean(Plans.class);
    Clock clock = app.getBean(Clock.class);

    out.println(
        "== Enshu demo: server at http://"
            + address.authority(port)
            + " ("
            + docker.probe().detail()
            + ")");
    Map<String, String> passwords = accounts(app.getBean(Accounts.class));
    printAccounts(out, passwords);
    out.println("== Images (built locally from Debian packages; cached)");
    out.flush();
    for (DockerImages.Outcome image : docker.images().buildAll()) {
      out.printf("  %-8s %s%n", image.built() ? "built" : "current", image.image());
    }
    String id = "demo-" + Long.toString(clock.millis() / 1000 % 100000, 36);
    out.printf("== Exercise %s: phishing-ransomware, 2 teams, speed x%.0f%n", id, speed);
    out.flush();
    Runnable feed = journal.subscribe(event -> print(out, event));
    exerciseTeams.create(
        new ExerciseRequest(
            id,
            "phishing-ransomware",
            // no seed: the server draws one, and mixes in the installation's key
            null,
            Exercise.Mode.CENTRAL,
            "docker",
            speed,
            List.of(new Exercise.Venue("tokyo", "東京会場")),
            List.of(
                new ExerciseRequest.TeamRequest(
                    "Team 1 (defended)", "tokyo", List.of("sato", "suzuki")),
                new ExerciseRequest.TeamRequest("Team 2 (idle)", "tokyo", List.of("takahashi")))),
        INSTRUCTOR);
    // stopped part-way (Ctrl-C, SIGTERM), the demo removes its ranges, also ones still being made
    StopCleanup cleanup =
        new StopCleanup(
            id + "-",
            () -> new DockerRangeProvider(DockerEngine.connectDefault(), clock),
            spec.commandLine().getErr());
    java.util.concurrent.CompletableFuture<Exercise> provisioning =
        exerciseProvisioning.provision(id, INSTRUCTOR);
    cleanup.alsoBusyWhile(() -> !provisioning.isDone());
    Exercise ready = provisioning.get(15, TimeUnit.MINUTES);
    if (ready.state() != State.READY) {
      out.println("provisioning failed: " + ready.reason());
      out.flush();
      app.close();
      return 1;
    }
    exerciseLifecycle.start(id, TeamScope.ALL, INSTRUCTOR);
    RangePlan defended = plans.plan(ready, ready.team(1).orElseThrow());
    dev.enshu.orchestrator.scoring.ScoringService scoring =
        app.getBean(dev.enshu.orchestrator.scoring.ScoringService.class);
    DemoDefender defender =
        new DemoDefender(docker, scoring, journal, defended, out, clock, scripts);
    var loaded = plans.scenario("phishing-ransomware");
    long items = loaded.scenario().items().count();
    while (!timelineDone(journal, id, items, ready.teams().size())) {
      defender.step();
      Thread.sleep(2000);
    }
    Thread.sleep(3000);
    feed.run();
    exerciseLifecycle.finish(id, INSTRUCTOR);
    summary(out, journal, store.require(id), scoring.scoreboard(id));
    if (exit) {
      exerciseLifecycle.teardown(id, INSTRUCTOR);
      cleanup.close();
      app.close();
      return 0;
    }
    printAccounts(out, passwords);
    out.printf(
        "%nThe trainer console keeps running at http://%s/ : log in with an account above"
            + " (the exercise: /#/exercises/%s,%n"
            + "the scoreboard: /#/scoreboard/%s, the review: /#/review/%s; Japanese by default, English"
            + " from the language menu).%n"
            + "REST API under /api/exercises (OpenAPI at /api/openapi, live feed at ws://%s/api/feed?exercise=%s, journal export at%n"
            + "/api/exercises/%s/journal/export; scripts send the account as HTTP Basic, curl -u %s:PASSWORD).%n"
            + "Stop the demo with Ctrl+C: it removes its ranges, then the server stops.%n",
        address.authority(port), id, id, id, address.authority(port), id, id, INSTRUCTOR);
    out.flush();
    Thread.currentThread().join();
    return 0;
  }

  static final String INSTRUCTOR = "sensei";

  /** The demo's accounts: name, role, venue of an assistant. Trainees are in the teams' members. */
  private static final List<List<String>> ACCOUNTS =
      List.of(
          List.of(INSTRUCTOR, "instructor", ""),
          List.of("tanaka", "assistant", "tokyo"),
          List.of("sato", "trainee", ""),
          List.of("suzuki", "trainee", ""),
          List.of("takahashi", "trainee", ""),
          List.of("kimura", "observer", ""));

  /**
   * Creates the demo accounts, or gives them new passwords when an earlier demo made them: a demo
   * shows its passwords each time it runs.
   */
  private static Map<String, String> accounts(Accounts accounts) {
    Map<String, String> passwords = new java.util.LinkedHashMap<>();
    for (List<String> a : ACCOUNTS) {
      String password =
          accounts.actor(a.get(0)).isPresent()
              ? accounts.resetPassword(a.get(0), "demo").password()
              : accounts
                  .create(
                      new Accounts.Request(
                          a.get(0),
                          a.get(1),
                          null,
                          null,
                          a.get(2).isEmpty() ? null : java.util.Set.of(a.get(2))),
                      "demo")
                  .password();
      passwords.put(a.get(0), password);
    }
    return passwords;
  }

  private static void printAccounts(PrintWriter out, Map<String, String> passwords) {
    out.println("== Demo accounts (log in at the console; new passwords on each demo run)");
    for (List<String> a : ACCOUNTS) {
      out.printf(
          "  %-10s %-10s %-22s password %s%n",
          a.get(0),
          a.get(1),
          switch (a.get(0)) {
            case "tanaka" -> "venue tokyo";
            case "sato", "suzuki" -> "team 1 (defended)";
            case "takahashi" -> "team 2 (idle)";
            default -> "";
          },
          passwords.get(a.get(0)));
    }
    out.flush();
  }

  private static boolean timelineDone(Journal journal, String id, long items, int teams) {
    List<JournalEvent> events = journal.read(id, null, 0);
    long decided =
        events.stream()
            .filter(e -> e.onceKey() != null && e.onceKey().startsWith("timeline:"))
            .count();
    long pendingActions =
        events.stream().filter(e -> e.type().equals(TimelineEngine.FIRED)).count()
            - events.stream()
                .filter(
                    e ->
                        e.type().equals(TimelineEngine.COMPLETED)
                            || e.type().equals(TimelineEngine.FAILED))
                .count();
    return decided >= items * teams && pendingActions <= 0;
  }

  /** The last state printed per team and check: the demo shows a check when it changes. */
  private final Map<String, Object> checkStates = new java.util.concurrent.ConcurrentHashMap<>();

  private void print(PrintWriter out, JournalEvent e) {
    if (e.type().equals(TimelineEngine.CHECK_RESULT)) {
      Object state = e.data().get("status");
      Object previous = checkStates.put(e.team() + "/" + e.data().get("check"), state);
      if (state.equals(previous)
          || (previous == null && !Boolean.TRUE.equals(e.data().get("passed")))) {
        return;
      }
    }
    String what =
        switch (e.type()) {
          case TimelineEngine.FIRED ->
              "fires " + e.data().get("item") + " (" + e.data().get("technique") + ")";
          case TimelineEngine.SENT ->
              "message " + e.data().get("item") + ": " + text(e.data().get("subject"));
          case TimelineEngine.SKIPPED ->
              "skips " + e.data().get("item") + ": " + e.data().get("reason");
          case TimelineEngine.COMPLETED ->
              e.data().get("item")
                  + " done"
                  + (e.data().containsKey("key")
                      ? " (ransom key " + e.data().get("key") + " kept in the journal)"
                      : "");
          case TimelineEngine.FAILED ->
              e.data().get("item")
                  + " FAILED: "
                  + e.data().getOrDefault("error", e.data().get("output"));
          case TimelineEngine.CHECK_RESULT ->
              "check " + e.data().get("check") + " " + e.data().get("status");
          default -> e.type() + " " + e.data();
        };
    out.printf(
        "  %s  %s  %s%n",
        e.at().toString().substring(11, 19),
        e.team() == null ? "      " : "team " + e.team(),
        what);
    out.flush();
  }

  private static String text(Object localized) {
    return localized instanceof Map<?, ?> map
        ? String.valueOf(map.get("en"))
        : String.valueOf(localized);
  }

  private static void summary(
      PrintWriter out,
      Journal journal,
      Exercise exercise,
      List<dev.enshu.orchestrator.scoring.TeamScore> board) {
    out.println("== Summary");
    for (var team : exercise.teams()) {
      List<JournalEvent> events =
          journal.read(exercise.id(), team.number(), 0).stream()
              .filter(e -> e.team() != null)
              .toList();
      List<Object> fired =
          events.stream()
              .filter(e -> e.type().equals(TimelineEngine.FIRED))
              .map(e -> e.data().get("item"))
              .toList();
      List<Object> skipped =
          events.stream()
              .filter(e -> e.type().equals(TimelineEngine.SKIPPED))
              .map(e -> e.data().get("item"))
              .toList();
      List<Object> passed =
          events.stream()
              .filter(
                  e ->
                      e.type().equals(TimelineEngine.CHECK_RESULT)
                          && Boolean.TRUE.equals(e.data().get("passed")))
              .map(e -> e.data().get("check"))
              .distinct()
              .toList();
      out.printf("  team %d %-20s injects fired %s%n", team.number(), team.name(), fired);
      out.printf("         %-20s skipped %s%n", "", skipped);
      out.printf("         %-20s checks passed %s%n", "", passed);
      board.stream()
          .filter(score -> score.team() == team.number())
          .findFirst()
          .ifPresent(
              score ->
                  out.printf("         %-20s score %d %s%n", "", score.total(), score.breakdown()));
    }
    out.flush();
  }
}

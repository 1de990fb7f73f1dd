package dev.enshu.orchestrator.cli;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Starts a server of its own (a child process on loopback, in-memory ranges with echoing terminals,
 * a temporary data directory) and drives a bounded load at it from this process: trainees and
 * instructors as the web console makes them, an exercise running at speed. Prints per endpoint the
 * count, p50, p99 and maximum latency and the errors, beside the same requests of one idle client
 * made before the load.
 */
@Command(
    name = "api",
    description =
        "Load a server of its own with trainees and instructors for a while; print per endpoint"
            + " count, p50, p99, max latency and errors beside an idle client's baseline.")
final class BenchApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--minutes",
      defaultValue = "10",
      description = "How long the load runs (default ${DEFAULT-VALUE}; fractions such as 0.3 too)")
  double minutes;

  @Option(
      names = "--trainees",
      defaultValue = "30",
      description = "Trainees (default ${DEFAULT-VALUE})")
  int trainees;

  @Option(
      names = "--team-size",
      defaultValue = "5",
      description = "Trainees per team (default ${DEFAULT-VALUE})")
  int teamSize;

  @Option(
      names = "--instructors",
      defaultValue = "3",
      description = "Instructors (default ${DEFAULT-VALUE})")
  int instructors;

  @Option(
      names = "--speed",
      defaultValue = "60",
      description = "Speed of the exercise's clock (default ${DEFAULT-VALUE})")
  double speed;

  @Option(
      names = "--scenario",
      defaultValue = "phishing-ransomware",
      description = "Scenario of the exercise (default ${DEFAULT-VALUE})")
  String scenario;

  @Option(
      names = "--baseline-requests",
      defaultValue = "20",
      description = "Requests per endpoint of the idle client (default ${DEFAULT-VALUE})")
  int baselineRequests;

  @Override
  public Integer call() throws Exception {
    if (minutes < 0 || trainees < 1 || teamSize < 1 || instructors < 1 || speed <= 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--minutes must be 0 or more, --trainees, --team-size and --instructors 1 or more and"
              + " --speed above 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try (ApiServer server = ApiServer.start(List.of())) {
      out.printf(
          "server: pid %d at %s (in-memory ranges), its files in %s%n",
          server.pid(), server.base(), server.dir());
      out.flush();
      String[] first = server.firstInstructor();
      ApiClient admin = new ApiClient(http, server.base()).login(first[0], first[1]);
      ApiExercise exercise = ApiExercise.create(admin, scenario, speed, trainees, teamSize);
      out.printf(
          "exercise %s (%s) at %.0fx: %d team(s) of up to %d trainees, and a team for the baseline%n",
          exercise.id(), scenario, speed, exercise.teams(), teamSize);
      List<ApiTrainee> load = new ArrayList<>();
      for (int t = 0; t < trainees; t++) {
        load.add(
            exercise.trainee(http, server.base(), "bench-trainee-" + (t + 1), t / teamSize + 1));
      }
      List<ApiClient> watching = new ArrayList<>();
      for (int i = 0; i < instructors; i++) {
        watching.add(exercise.instructor(http, server.base(), "bench-instructor-" + (i + 1)));
      }
      ApiTrainee idle =
          exercise.trainee(http, server.base(), "bench-baseline", exercise.teams() + 1);
      exercise.provisionAndStart();

      ApiFigures baseline = new ApiFigures();
      new ApiLoad(http, exercise.id(), baseline).baseline(idle, admin, baselineRequests);
      ApiFigures figures = new ApiFigures();
      Duration duration = Duration.ofMillis((long) (minutes * 60_000));
      out.printf(
          "load: %d trainees, %d instructors for %.1f min%n",
          trainees, instructors, duration.toMillis() / 60_000.0);
      out.flush();
      ApiLoad.Feeds feeds = new ApiLoad(http, exercise.id(), figures).run(load, watching, duration);
      return report(out, figures, baseline, feeds, exercise, load.get(0).client());
    }
  }

  /** Prints the figures; answers the exit code: 1 on any server error or unanswered request. */
  private int report(
      PrintWriter out,
      ApiFigures figures,
      ApiFigures baseline,
      ApiLoad.Feeds feeds,
      ApiExercise exercise,
      ApiClient trainee) {
    figures.print(out, baseline);
    out.printf(
        "feeds: %d of %d held to the end, %d messages received%s%n",
        feeds.held(),
        trainees,
        feeds.messages(),
        feeds.closed().isEmpty() ? "" : ", closed by the server: " + feeds.closed());
    out.printf(
        "terminals: %d of %d held to the end, %d keys echoed%s%n",
        feeds.terminals(),
        trainees,
        feeds.keys(),
        feeds.terminalsClosed().isEmpty() ? "" : "; not held: " + feeds.terminalsClosed());
    trainee.recordingInto(null);
    out.printf(
        "exercise at the end: %s, scenario time of team 1 %.1f min%n",
        exercise.state(), exercise.scenarioMinutes(trainee));
    long errors = figures.serverErrors() + baseline.serverErrors();
    long unanswered = figures.unanswered() + baseline.unanswered();
    out.printf("server errors (5xx): %d, requests without an answer: %d%n", errors, unanswered);
    out.flush();
    return errors == 0 && unanswered == 0 ? 0 : 1;
  }
}

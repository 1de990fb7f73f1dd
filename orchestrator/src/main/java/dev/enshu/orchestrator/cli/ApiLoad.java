package dev.enshu.orchestrator.cli;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of {@code bench api}, bounded in time: trainees poll their workspace, hold the live
 * feed, type commands into a terminal on one of their team's hosts at typing pace, and now and then
 * submit findings and the report; instructors poll the scoreboard, the review and the exercise. The
 * baseline is one idle client making the same requests one after another.
 */
final class ApiLoad {
  static final String SCOREBOARD = "GET /api/exercises/{id}/scoreboard";
  static final String REVIEW = "GET /api/exercises/{id}/review";
  static final String EXERCISE = "GET /api/exercises/{id}";
  static final long WORKSPACE_EVERY = Duration.ofSeconds(2).toNanos();
  static final long FINDING_EVERY = Duration.ofSeconds(45).toNanos();
  static final long REPORT_EVERY = Duration.ofMinutes(2).toNanos();
  static final long VIEWS_EVERY = Duration.ofSeconds(3).toNanos();

  /** About five keys a second, a trainee typing a command they know. */
  static final long KEY_EVERY = Duration.ofMillis(200).toNanos();

  /** Reading the output and thinking of the next command. */
  static final long THINK_EVERY = Duration.ofSeconds(6).toNanos();

  static final List<String> COMMANDS =
      List.of(
          "ps aux",
          "ss -tanp",
          "tail -n 50 /var/log/syslog",
          "ls -la /tmp",
          "cat /etc/passwd",
          "last -n 20",
          "grep -i failed /var/log/auth.log");

  /**
   * What the feeds and terminals saw: feeds held to the end, their messages, those the server
   * closed; terminals held to the end, keys echoed, those the server closed.
   */
  record Feeds(
      long held,
      long messages,
      List<String> closed,
      long terminals,
      long keys,
      List<String> terminalsClosed) {}

  private final HttpClient http;
  private final String exercise;
  private final ApiFigures figures;

  ApiLoad(HttpClient http, String exercise, ApiFigures figures) {
    this.http = http;
    this.exercise = exercise;
    this.figures = figures;
  }

  /** Every request of the load, {@code times} each, by one client after another. */
  void baseline(ApiTrainee trainee, ApiClient instructor, int times) throws InterruptedException {
    trainee.client().recordingInto(figures);
    instructor.recordingInto(figures);
    for (int i = 0; i < times; i++) {
      trainee.workspace();
      views(instructor);
    }
    for (int i = 0; i < times && trainee.finding(); i++) {
      trainee.workspace();
    }
    for (int i = 0; i < times && trainee.report(); i++) {
      // one after another, as an idle client sends them
    }
    for (int i = 0; i < times; i++) {
      ApiSocket feed = trainee.feed(http, figures);
      if (feed != null) {
        feed.close();
      }
    }
    trainee.workspace();
    for (int i = 0; i < times && trainee.firstHost() != null; i++) {
      ApiTerminal terminal = terminal(trainee);
      if (terminal != null) {
        terminal.type('x');
        terminal.close();
      }
    }
  }

  private ApiTerminal terminal(ApiTrainee trainee) throws InterruptedException {
    return ApiTerminal.open(
        http, trainee.client(), exercise, trainee.team(), trainee.firstHost(), figures);
  }

  /** Runs every trainee and instructor until {@code duration} has passed. */
  Feeds run(List<ApiTrainee> trainees, List<ApiClient> instructors, Duration duration)
      throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    AtomicLong held = new AtomicLong();
    AtomicLong messages = new AtomicLong();
    ConcurrentLinkedQueue<String> closed = new ConcurrentLinkedQueue<>();
    AtomicLong terminals = new AtomicLong();
    AtomicLong keys = new AtomicLong();
    ConcurrentLinkedQueue<String> terminalsClosed = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(2 * trainees.size() + instructors.size());
    try {
      List<Future<?>> users = new ArrayList<>();
      long seed = 1;
      for (ApiTrainee trainee : trainees) {
        Random random = new Random(seed++);
        users.add(
            pool.submit(
                () -> {
                  ApiSocket feed = trainee.feed(http, figures);
                  train(trainee, random, deadline);
                  if (feed != null) {
                    messages.addAndGet(feed.messages());
                    if (feed.closedByServer() == null) {
                      held.incrementAndGet();
                    } else {
                      closed.add("team " + trainee.team() + ": " + feed.closedByServer());
                    }
                    feed.close();
                  }
                  return null;
                }));
        Random typing = new Random(seed++);
        users.add(
            pool.submit(
                () -> {
                  trainee.workspace();
                  ApiTerminal terminal = trainee.firstHost() == null ? null : terminal(trainee);
                  if (terminal == null) {
                    terminalsClosed.add("team " + trainee.team() + ": no terminal opened");
                    return null;
                  }
                  keys.addAndGet(type(terminal, typing, deadline));
                  if (terminal.closedByServer() == null) {
                    terminals.incrementAndGet();
                  } else {
                    terminalsClosed.add(
                        "team " + trainee.team() + ": " + terminal.closedByServer());
                  }
                  terminal.close();
                  return null;
                }));
      }
      for (ApiClient instructor : instructors) {
        Random random = new Random(seed++);
        users.add(pool.submit(() -> watch(instructor, random, deadline)));
      }
      for (Future<?> user : users) {
        user.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Feeds(
        held.get(),
        messages.get(),
        List.copyOf(closed),
        terminals.get(),
        keys.get(),
        List.copyOf(terminalsClosed));
  }

  /** Types commands key by key until the deadline; answers how many keys were echoed. */
  private static long type(ApiTerminal terminal, Random random, long deadline)
      throws InterruptedException {
    long echoed = 0;
    long now;
    while ((now = System.nanoTime()) < deadline && terminal.closedByServer() == null) {
      String command = COMMANDS.get(random.nextInt(COMMANDS.size())) + "\r";
      for (int i = 0; i < command.length() && (now = System.nanoTime()) < deadline; i++) {
        if (terminal.type(command.charAt(i))) {
          echoed++;
        }
        pause(now, KEY_EVERY, random, deadline);
      }
      pause(System.nanoTime(), THINK_EVERY, random, deadline);
    }
    return echoed;
  }

  private void train(ApiTrainee trainee, Random random, long deadline) throws InterruptedException {
    trainee.client().recordingInto(figures);
    long now = System.nanoTime();
    // the first ones within the first half of a short run too, so that every kind is measured
    long half = Math.max(1, (deadline - now) / 2);
    long nextFinding = now + (long) (random.nextDouble() * Math.min(FINDING_EVERY, half));
    long nextReport = now + (long) (random.nextDouble() * Math.min(REPORT_EVERY, half));
    while ((now = System.nanoTime()) < deadline) {
      trainee.workspace();
      if (now >= nextFinding) {
        trainee.finding();
        nextFinding += FINDING_EVERY;
      }
      if (now >= nextReport) {
        trainee.report();
        nextReport += REPORT_EVERY;
      }
      pause(now, WORKSPACE_EVERY, random, deadline);
    }
  }

  private Void watch(ApiClient instructor, Random random, long deadline)
      throws InterruptedException {
    instructor.recordingInto(figures);
    long now;
    while ((now = System.nanoTime()) < deadline) {
      views(instructor);
      pause(now, VIEWS_EVERY, random, deadline);
    }
    return null;
  }

  private void views(ApiClient instructor) {
    String path = "/api/exercises/" + exercise;
    instructor.get(SCOREBOARD, path + "/scoreboard");
    instructor.get(REVIEW, path + "/review");
    instructor.get(EXERCISE, path);
  }

  /** Waits out the rest of a period from {@code since}, give or take a fifth, or to the end. */
  private static void pause(long since, long period, Random random, long deadline)
      throws InterruptedException {
    long next = since + (long) (period * (0.8 + 0.4 * random.nextDouble()));
    long wait = Math.min(next, deadline) - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}

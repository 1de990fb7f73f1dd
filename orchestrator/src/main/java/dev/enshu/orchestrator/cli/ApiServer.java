package dev.enshu.orchestrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server {@code bench api} measures: {@code enshu serve} of this same jar as a child process on
 * loopback, on a free port, with the in-memory range provider and a data directory of its own. It
 * and its data directory go when the bench exits, also when the bench is stopped (SIGTERM, Ctrl-C),
 * through a shutdown hook; SIGKILL cannot be caught.
 */
final class ApiServer implements AutoCloseable {
  private static final Pattern FIRST_INSTRUCTOR =
      Pattern.compile("user: +(\\S+)\\s+password: +(\\S+)");
  private static final long START_NANOS = TimeUnit.SECONDS.toNanos(180);

  private final Process process;
  private final Path dir;
  private final Path log;
  private final int port;
  private final Thread hook = new Thread(this::stop, "enshu-bench-api-server-stop");
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ApiServer(Process process, Path dir, Path log, int port) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.port = port;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts the server with {@code options} and returns once it answers HTTP. */
  static ApiServer start(List<String> options) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("enshu-bench-api-");
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("java.class.path"),
                "serve",
                "--address",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dir.resolve("data").toString(),
                "--enshu.providers.memory=true"));
    command.addAll(options);
    Path log = dir.resolve("server.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ApiServer server = new ApiServer(process, dir, log, port);
    try {
      server.awaitAnswering();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  long pid() {
    return process.pid();
  }

  /** Its directory: the data directory and its log, removed with it. */
  Path dir() {
    return dir;
  }

  /** The name and password of the first instructor, which a first start prints once. */
  String[] firstInstructor() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_NANOS;
    while (System.nanoTime() < deadline) {
      Matcher shown = FIRST_INSTRUCTOR.matcher(Files.readString(log));
      if (shown.find()) {
        return new String[] {shown.group(1), shown.group(2)};
      }
      requireAlive();
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server printed no first instructor: " + tail());
  }

  private void awaitAnswering() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest options = HttpRequest.newBuilder(base().resolve("/api/login/options")).build();
    long deadline = System.nanoTime() + START_NANOS;
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(options, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      requireAlive();
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not answer in 180 s: " + tail());
  }

  private void requireAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the server exited with " + process.exitValue() + ": " + tail());
    }
  }

  private String tail() throws IOException {
    String text = Files.readString(log);
    return text.length() > 3000 ? "..." + text.substring(text.length() - 3000) : text;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 60 s) and removes its data directory. */
  private void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the server's directory " + dir, e);
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook stops it
    }
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

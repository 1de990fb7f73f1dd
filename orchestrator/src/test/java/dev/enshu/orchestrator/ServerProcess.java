package dev.enshu.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server ({@code target/enshu.jar}) run as its own process, as an operator runs it,
 * and an HTTP client for it. Waits for conditions (the port answering, a line in its log), never
 * for a fixed time.
 */
public final class ServerProcess implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;
  private final Path log;
  private final int port;
  private String authorization;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts {@code enshu serve} on a free port with {@code dataDir} and further arguments; returns
   * when it answers HTTP. Its output goes to {@code dataDir/NAME.log}.
   */
  public static ServerProcess start(Path dataDir, String name, String... arguments)
      throws IOException, InterruptedException {
    return start(dataDir, dataDir, name, arguments);
  }

  /** As {@link #start(Path, String, String...)}, with its output in {@code logDir/NAME.log}. */
  public static ServerProcess start(Path dataDir, Path logDir, String name, String... arguments)
      throws IOException, InterruptedException {
    File jar = new File("target/enshu.jar");
    assertThat(jar).as("the packaged application").exists();
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.getAbsolutePath(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString()));
    command.addAll(List.of(arguments));
    Path log = Files.createDirectories(logDir).resolve(name + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(process, log, port);
    server.awaitAnswering(name);
    return server;
  }

  private void awaitAnswering(String name) throws IOException, InterruptedException {
    for (int i = 0; i < 240; i++) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(uri("/api/login/options")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertThat(process.isAlive())
          .as("server %s is running; its log: %s", name, Files.readString(log))
          .isTrue();
      Thread.sleep(250);
    }
    throw new AssertionError(
        "server " + name + " did not answer in 60 s: " + Files.readString(log));
  }

  /** Logs in as the first instructor, whose password a first start prints once. */
  public ServerProcess asFirstInstructor() throws IOException, InterruptedException {
    Pattern frame = Pattern.compile("user: +(\\S+)\\s+password: +(\\S+)");
    Matcher shown = frame.matcher(Files.readString(log));
    // printed when the server has started, which may be just after it first answers
    for (int i = 0; i < 120 && !shown.find(); i++) {
      Thread.sleep(250);
      shown = frame.matcher(Files.readString(log));
    }
    assertThat(shown.find(0)).as("the first instructor's password in %s", log).isTrue();
    return as(dev.enshu.orchestrator.access.TestAccounts.header(shown.group(1), shown.group(2)));
  }

  /** Sends {@code authorization} (an HTTP Basic header) with every request from here on. */
  public ServerProcess as(String authorization) {
    this.authorization = authorization;
    return this;
  }

  public String authorization() {
    return authorization;
  }

  /** A response's status and body. */
  public record Answer(int status, String body) {}

  public Answer get(String path) throws IOException, InterruptedException {
    TestApi.Response response = api().get(path);
    return new Answer(response.status(), response.body());
  }

  /** The body of a GET that must succeed. */
  public String read(String path) throws IOException, InterruptedException {
    Answer answer = get(path);
    assertThat(answer.status()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    return answer.body();
  }

  public Answer post(String path, Object body) throws IOException, InterruptedException {
    TestApi.Response response = api().post(path, JSON.writeValueAsString(body));
    return new Answer(response.status(), response.body());
  }

  /** The API as the user of {@link #as}, or anonymous. */
  public TestApi api() {
    TestApi api = TestApi.at(port);
    return authorization == null ? api : api.as(authorization);
  }

  /** A POST that must succeed. */
  public String send(String path, Object body) throws IOException, InterruptedException {
    Answer answer = post(path, body);
    assertThat(answer.status()).as("POST %s: %s", path, answer.body()).isBetween(200, 299);
    return answer.body();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public Path log() {
    return log;
  }

  /** Its log without the stack frames: the errors and their causes, for a failed assertion. */
  public String errors() throws IOException {
    return Files.readAllLines(log).stream()
        .filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... "))
        .reduce("", (a, b) -> a + "\n" + b);
  }

  /** Kills it (SIGKILL), as a crash or the OOM killer does, and waits until it has gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Stops it as an operator does (SIGTERM) and waits until it has exited. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

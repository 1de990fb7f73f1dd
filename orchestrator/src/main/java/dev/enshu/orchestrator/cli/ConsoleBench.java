package dev.enshu.orchestrator.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.enshu.orchestrator.EnshuApplication;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.TerminalInput;
import dev.enshu.orchestrator.range.TerminalTransport;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code enshu bench console}: keystroke-to-echo latency of many concurrent terminal sessions
 * through the gateway (WebSocket → gateway → Docker exec with a TTY → bash's echo → back), and the
 * same directly against the engine (docker-java exec attach, no gateway) as the baseline, in the
 * same run; the output throughput of one session both ways; and the gateway's heap per session.
 * Starts its own server on a free loopback port and its own containers (label {@code
 * enshu.bench=console}), and removes them.
 */
final class ConsoleBench {
  private final int sessions;
  private final int containers;
  private final int keystrokes;
  private final int megabytes;
  private final int paceMs;
  private final PrintStream out;
  private final Clock clock;

  ConsoleBench(
      int sessions,
      int containers,
      int keystrokes,
      int megabytes,
      int paceMs,
      PrintStream out,
      Clock clock) {
    this.sessions = sessions;
    this.containers = containers;
    this.keystrokes = keystrokes;
    this.megabytes = megabytes;
    this.paceMs = paceMs;
    this.out = out;
    this.clock = clock;
  }

  void run() throws Exception {
    String exercise = "bench" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    Path data = Files.createTempDirectory("enshu-bench-console");
    List<String> created = new ArrayList<>();
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      DockerRangeProvider provider = new DockerRangeProvider(engine, clock);
      if (!provider.images().missing().isEmpty()) {
        out.println("building role images (once)...");
        provider.images().buildAll();
      }
      List<ConsoleEndpoint.Terminal> hosts = new ArrayList<>();
      for (int team = 1; team <= containers; team++) {
        ConsoleEndpoint endpoint = provider.console(new HostRef(exercise + "-t" + team, "pc"));
        if (!(endpoint instanceof ConsoleEndpoint.Terminal terminal)) {
          throw new IllegalStateException("the Docker provider offers no terminal: " + endpoint);
        }
        created.add(startContainer(engine.client(), terminal.target()));
        hosts.add(terminal);
      }
      out.printf(
          "console bench: %d sessions on %d containers, %d keystrokes each; %d MiB streamed%n",
          sessions, containers, keystrokes, megabytes);
      ConfigurableApplicationContext server =
          EnshuApplication.start(
              "--server.port=0",
              "--server.address=127.0.0.1",
              "--enshu.data-dir=" + data.toAbsolutePath(),
              "--enshu.security.first-instructor=",
              "--logging.level.enshu.console=WARN",
              "--logging.level.root=WARN");
      try {
        int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        String password =
            server
                .getBean(dev.enshu.orchestrator.access.Accounts.class)
                .create(
                    new dev.enshu.orchestrator.access.Accounts.Request(
                        "bench-" + exercise, "instructor", null, null, null),
                    "bench")
                .password();
        String authorization =
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        ("bench-" + exercise + ":" + password)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Runtime rt = Runtime.getRuntime();
        long heapBefore = usedHeap(rt);
        List<GatewaySession> open = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
          int team = i % containers + 1;
          open.add(
              GatewaySession.open(
                  "ws://127.0.0.1:"
                      + port
                      + "/api/console/terminal?exercise="
                      + exercise
                      + "&team="
                      + team
                      + "&host=pc",
                  authorization));
        }
        for (GatewaySession s : open) {
          s.awaitPrompt();
        }
        long heapAfter = usedHeap(rt);
        List<DirectSession> baseline = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
          baseline.add(DirectSession.open(hosts.get(i % hosts.size())));
        }
        for (DirectSession s : baseline) {
          s.awaitPrompt();
        }
        out.printf("load average before: %s%n", loadAverage());
        // the two paths take turns, round after round, so that both see the same machine (other
        // work on it moves the figures more than anything measured here)
        compare("flat out", baseline, open, 0);
        compare("at " + paceMs + " ms a key", baseline, open, paceMs);
        out.printf("load average after: %s%n", loadAverage());
        for (DirectSession s : baseline) {
          s.close();
        }
        out.printf(
            "gateway heap per open session: %.1f KiB (%d sessions, heap %d -> %d MiB; includes the"
                + " docker-java attach and the recording writer)%n",
            (heapAfter - heapBefore) / 1024.0 / sessions,
            sessions,
            heapBefore >> 20,
            heapAfter >> 20);
        double gatewayMbs = open.get(0).throughput(megabytes);
        for (GatewaySession s : open) {
          s.close();
        }
        DirectSession one = DirectSession.open(hosts.get(0));
        double directMbs = one.throughput(megabytes);
        one.close();
        out.printf(
            "one session streaming output: gateway %.1f MB/s, direct %.1f MB/s%n",
            gatewayMbs, directMbs);
      } finally {
        server.close();
      }
    } finally {
      try (DockerEngine engine = DockerEngine.connectDefault()) {
        for (String id : created) {
          try {
            engine.client().removeContainerCmd(id).withForce(true).exec();
          } catch (RuntimeException e) {
            // already gone
          }
        }
      }
    }
  }

  private static String startContainer(DockerClient client, String name) {
    String id =
        client
            .createContainerCmd(DockerImages.imageOf("common"))
            .withName(name)
            .withHostName("pc")
            .withEntrypoint("/usr/bin/tini", "-g", "--", "sleep", "infinity")
            .withLabels(Map.of("enshu.bench", "console"))
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
            .exec()
            .getId();
    client.startContainerCmd(id).exec();
    return id;
  }

  private static final int ROUNDS = 5;

  /**
   * Keystroke-to-echo on both paths, in turns: each round every direct session types its share of
   * the keystrokes, then every gateway session. {@code paceMs} 0 types each key as soon as the
   * previous one echoed (every session flat out: the figures then say how much the machine can
   * relay at once); otherwise each session types a key every {@code paceMs}, as people type.
   */
  private void compare(
      String how, List<DirectSession> direct, List<GatewaySession> gateway, int paceMs)
      throws InterruptedException {
    List<long[]> d = new ArrayList<>();
    List<long[]> g = new ArrayList<>();
    int each = Math.max(1, keystrokes / ROUNDS);
    for (int round = 0; round < ROUNDS; round++) {
      d.add(latencies(direct.stream().map(s -> (Echo) s).toList(), each, paceMs));
      g.add(latencies(gateway.stream().map(s -> (Echo) s).toList(), each, paceMs));
    }
    report("direct (engine, no gateway), " + how, merge(d));
    report("gateway (WebSocket relay), " + how, merge(g));
  }

  private static long[] merge(List<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim()
          + " ("
          + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Every session types its keystrokes at once with the others, one at a time, each awaited. */
  private long[] latencies(List<Echo> all, int count, int paceMs) throws InterruptedException {
    long[][] each = new long[all.size()][];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      int n = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  each[n] = all.get(n).typeAndTime(count, paceMs);
                } catch (Exception e) {
                  each[n] = new long[0];
                }
              });
      t.start();
      threads.add(t);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return Arrays.stream(each).flatMapToLong(Arrays::stream).sorted().toArray();
  }

  private void report(String what, long[] nanos) {
    if (nanos.length == 0) {
      out.printf("%s: no echo measured%n", what);
      return;
    }
    out.printf(
        "%s: keystroke-to-echo p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d keystrokes)%n",
        what,
        nanos[(int) (nanos.length * 0.50)] / 1e6,
        nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6,
        nanos[nanos.length - 1] / 1e6,
        nanos.length);
  }

  private static long usedHeap(Runtime rt) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A terminal whose received byte count can be awaited. */
  private abstract static class Echo {
    private final AtomicLong received = new AtomicLong();
    private final Object lock = new Object();

    void got(int bytes) {
      received.addAndGet(bytes);
      synchronized (lock) {
        lock.notifyAll();
      }
    }

    abstract void send(byte[] bytes);

    boolean awaitAtLeast(long count, long timeoutMs) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      synchronized (lock) {
        while (received.get() < count) {
          long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
          if (left <= 0) {
            return false;
          }
          lock.wait(left);
        }
      }
      return true;
    }

    void awaitPrompt() throws InterruptedException {
      send("stty -echoctl; PS1='$ '\r".getBytes(StandardCharsets.US_ASCII));
      if (!awaitAtLeast(20, 30_000)) {
        throw new IllegalStateException("no shell prompt in 30 s");
      }
      Thread.sleep(300);
    }

    long[] typeAndTime(int count, int paceMs) throws InterruptedException {
      long[] times = new long[count];
      if (paceMs > 0) {
        // sessions start out of step, as people do
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(paceMs));
      }
      for (int i = 0; i < count; i++) {
        if (paceMs > 0 && i > 0) {
          Thread.sleep(Math.max(0, paceMs - times[i - 1] / 1_000_000));
        }
        long before = received.get();
        long t0 = System.nanoTime();
        send(new byte[] {'a'});
        if (!awaitAtLeast(before + 1, 10_000)) {
          return Arrays.copyOf(times, i);
        }
        times[i] = System.nanoTime() - t0;
      }
      send(new byte[] {0x15}); // ^U clears the typed line
      awaitAtLeast(received.get() + 1, 1_000);
      return times;
    }

    double throughput(int megabytes) throws InterruptedException {
      long total = (long) megabytes << 20;
      long before = received.get();
      long t0 = System.nanoTime();
      send(
          ("base64 -w 0 /dev/urandom | head -c " + total + "; echo\r")
              .getBytes(StandardCharsets.US_ASCII));
      if (!awaitAtLeast(before + total, 120_000)) {
        throw new IllegalStateException("the stream did not arrive in 120 s");
      }
      return (received.get() - before) / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }
  }

  private static final class DirectSession extends Echo implements TerminalTransport.Output {
    private final TerminalInput input = new TerminalInput(256);
    private TerminalTransport.Terminal terminal;

    /** The engine's own terminal transport, as the gateway uses it, without the gateway. */
    static DirectSession open(ConsoleEndpoint.Terminal endpoint) {
      DirectSession s = new DirectSession();
      s.terminal = endpoint.transport().open(80, 24, s.input, s);
      return s;
    }

    @Override
    public void data(byte[] bytes) {
      got(bytes.length);
    }

    @Override
    public void ended(String reason) {}

    @Override
    void send(byte[] bytes) {
      input.offer(bytes);
    }

    void close() {
      terminal.close();
    }
  }

  private static final class GatewaySession extends Echo implements WebSocket.Listener {
    private WebSocket socket;

    /**
     * Each session is its own browser: its own client (network thread), whose callbacks run on that
     * thread as a page's event loop runs them. One client shared by the 100 sessions made every
     * echo queue behind the others' in its one selector thread, then hop to a worker thread, and
     * the bench measured its own client rather than the gateway.
     */
    static GatewaySession open(String url, String authorization) {
      GatewaySession s = new GatewaySession();
      HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();
      s.socket =
          http.newWebSocketBuilder()
              .header("Authorization", authorization)
              .buildAsync(URI.create(url), s)
              .join();
      return s;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      got(data.remaining());
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    synchronized void send(byte[] bytes) {
      socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(5, TimeUnit.SECONDS);
    }
  }
}

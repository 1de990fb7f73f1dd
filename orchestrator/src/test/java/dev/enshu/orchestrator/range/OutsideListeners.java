package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listeners of a test that stand outside every range, for reach attempts to fail against: a TCP
 * listener of the host machine on every address (IPv4 and IPv6), and a network namespace joined to
 * the host by a veth pair whose host end has an IPv4 and an IPv6 (ULA) address, with a TCP listener
 * of its own. Every connection either listener accepts is counted; the namespace's listener writes
 * one line per connection to a file the test reads. Needs root, iproute2 and python3. The veth is
 * not named like a range bridge, so the host guard leaves it alone.
 */
public final class OutsideListeners implements AutoCloseable {
  private final ServerSocket host;
  private final AtomicInteger hostConnections = new AtomicInteger();
  private final String namespace;
  private final String veth;
  private final int subnet;
  private final Path namespaceLog;
  private final Process namespaceListener;

  private OutsideListeners(
      ServerSocket host,
      String namespace,
      String veth,
      int subnet,
      Path namespaceLog,
      Process namespaceListener) {
    this.host = host;
    this.namespace = namespace;
    this.veth = veth;
    this.subnet = subnet;
    this.namespaceLog = namespaceLog;
    this.namespaceListener = namespaceListener;
  }

  /** Starts both listeners and shows that each answers from the host machine itself. */
  public static OutsideListeners start() throws Exception {
    ServerSocket host = new ServerSocket(0, 50, InetAddress.getByName("::"));
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    int subnet = ThreadLocalRandom.current().nextInt(1, 250);
    String namespace = "enshu-outside-" + suffix;
    String veth = "eout" + suffix;
    Path log = Files.createTempFile("enshu-outside-", ".log");
    command("ip", "netns", "add", namespace);
    command("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
    command("ip", "addr", "add", "10.251." + subnet + ".1/30", "dev", veth);
    command("ip", "-6", "addr", "add", "fd00:251:" + subnet + "::1/64", "dev", veth, "nodad");
    command("ip", "link", "set", veth, "up");
    inNamespace(namespace, "ip", "link", "set", "lo", "up");
    inNamespace(namespace, "ip", "addr", "add", "10.251." + subnet + ".2/30", "dev", "eth0");
    inNamespace(
        namespace,
        "ip",
        "-6",
        "addr",
        "add",
        "fd00:251:" + subnet + "::2/64",
        "dev",
        "eth0",
        "nodad");
    inNamespace(namespace, "ip", "link", "set", "eth0", "up");
    Process listener =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                namespace,
                "python3",
                "-c",
                """
                import socket, sys
                s = socket.socket(socket.AF_INET6)
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                s.bind(('::', 8000)); s.listen(50)
                while True:
                    c, a = s.accept()
                    open(sys.argv[1], 'a').write(repr(a) + '\\n'); c.close()
                """,
                log.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    OutsideListeners outside = new OutsideListeners(host, namespace, veth, subnet, log, listener);
    outside.acceptOnTheHost();
    try (Socket local = new Socket(InetAddress.getLoopbackAddress(), host.getLocalPort())) {
      assertThat(local.isConnected()).isTrue();
    }
    outside.awaitNamespaceAnswers();
    outside.awaitHostConnections(1);
    outside.hostConnections.set(0);
    Files.writeString(log, "");
    return outside;
  }

  private void acceptOnTheHost() {
    Thread accept =
        new Thread(
            () -> {
              while (!host.isClosed()) {
                try {
                  host.accept().close();
                  hostConnections.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "outside-listener");
    accept.setDaemon(true);
    accept.start();
  }

  /** The host machine's port, on every address. */
  public int hostPort() {
    return host.getLocalPort();
  }

  /** The host machine's IPv4 address on the veth. */
  public String hostIpv4() {
    return "10.251." + subnet + ".1";
  }

  /** The host machine's IPv6 address on the veth. */
  public String hostIpv6() {
    return "fd00:251:" + subnet + "::1";
  }

  /** The namespace's IPv4 address; its listener is on port 8000. */
  public String namespaceIpv4() {
    return "10.251." + subnet + ".2";
  }

  /** The namespace's IPv6 address; its listener is on port 8000. */
  public String namespaceIpv6() {
    return "fd00:251:" + subnet + "::2";
  }

  /** The connections the host listener accepted since start. */
  public int hostConnections() {
    return hostConnections.get();
  }

  /** The peers of the connections the namespace's listener accepted since start. */
  public List<String> namespaceConnections() throws IOException {
    return Files.readAllLines(namespaceLog, StandardCharsets.UTF_8);
  }

  private void awaitNamespaceAnswers() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (namespaceConnections().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the namespace's listener did not answer within 60 s");
      }
      // the listener may not be bound yet: the host tries again until it is
      run(
          List.of(
              "python3",
              "-c",
              """
              import socket, sys
              try: socket.create_connection((sys.argv[1], 8000), timeout=2).close()
              except OSError: pass
              """,
              namespaceIpv4()));
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private void awaitHostConnections(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (hostConnections.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the host's listener did not count its own connection");
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  @Override
  public void close() throws IOException {
    host.close();
    try {
      namespaceListener.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      run(List.of("ip", "link", "del", veth));
      run(List.of("ip", "netns", "del", namespace));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while removing " + namespace, e);
    }
    Files.deleteIfExists(namespaceLog);
  }

  private static void inNamespace(String namespace, String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    all.addAll(List.of(command));
    command(all.toArray(String[]::new));
  }

  private static void command(String... command) throws Exception {
    String out = run(List.of(command));
    if (out != null) {
      throw new AssertionError("`" + String.join(" ", command) + "` failed: " + out);
    }
  }

  /** Null when the command succeeded, else its output. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? null : out;
  }
}

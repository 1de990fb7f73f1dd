package dev.enshu.orchestrator.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for guacd on loopback speaking the Guacamole protocol's handshake: reads {@code
 * select}, answers {@code args} (protocol version 1.5.0, then the parameter names), reads the
 * client's {@code size}/{@code audio}/{@code video}/{@code image}/{@code timezone}/{@code name} and
 * {@code connect}, answers {@code ready}, sends {@code sync}, then keeps every instruction it
 * receives. One connection at a time.
 */
final class FakeGuacd implements AutoCloseable {
  static final List<String> ARGS =
      List.of("VERSION_1_5_0", "hostname", "port", "username", "password");

  private final ServerSocket server;
  final List<List<String>> handshake = new CopyOnWriteArrayList<>();
  final LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
  private volatile Socket current;

  FakeGuacd() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "fake-guacd");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        current = socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        List<String> select = read(in);
        handshake.add(select);
        write(out, "args", ARGS.toArray(String[]::new));
        List<String> next;
        do {
          next = read(in);
          handshake.add(next);
        } while (!next.get(0).equals("connect"));
        write(out, "ready", "$fake-connection-id");
        write(out, "sync", "12345");
        while (true) {
          List<String> instruction = read(in);
          if (instruction == null) {
            break;
          }
          received.add(instruction);
          if (instruction.get(0).equals("sync")) {
            write(out, "sync", instruction.get(1));
          }
        }
      } catch (IOException e) {
        // connection over
      }
    }
  }

  List<String> connectArgs() {
    return handshake.stream().filter(i -> i.get(0).equals("connect")).findFirst().orElseThrow();
  }

  List<String> awaitReceived(String opcode) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      List<String> i = received.poll(100, TimeUnit.MILLISECONDS);
      if (i != null && i.get(0).equals(opcode)) {
        return i;
      }
    }
    throw new AssertionError("guacd received no " + opcode);
  }

  /** One instruction: LENGTH.VALUE elements separated by commas, ended by a semicolon. */
  static List<String> read(InputStream in) throws IOException {
    List<String> elements = new ArrayList<>();
    while (true) {
      int length = 0;
      int c;
      while ((c = in.read()) != '.') {
        if (c < 0) {
          return null;
        }
        length = length * 10 + (c - '0');
      }
      // lengths count Unicode code points; the tests send ASCII and Japanese within the BMP
      StringBuilder value = new StringBuilder();
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      while (value.codePointCount(0, value.length()) < length) {
        bytes.write(in.read());
        value.setLength(0);
        value.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8).replace("\uFFFD", ""));
      }
      elements.add(value.toString());
      int end = in.read();
      if (end == ';') {
        return elements;
      }
    }
  }

  static void write(OutputStream out, String opcode, String... args) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append(opcode.codePointCount(0, opcode.length())).append('.').append(opcode);
    for (String a : args) {
      s.append(',').append(a.codePointCount(0, a.length())).append('.').append(a);
    }
    s.append(';');
    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket s = current;
    if (s != null) {
      s.close();
    }
  }
}

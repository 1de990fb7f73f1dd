package dev.enshu.orchestrator.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client as a browser page uses the gateway: binary output decoded as UTF-8 into a
 * screen text, text messages kept in order, close code and reason kept. Built on the JDK's client.
 */
final class SocketClient implements WebSocket.Listener, AutoCloseable {
  private final StringBuilder screen = new StringBuilder();
  private final List<String> texts = new CopyOnWriteArrayList<>();
  private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private final StringBuilder partialText = new StringBuilder();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  private volatile int closeCode;
  private WebSocket socket;

  static SocketClient connect(String url, String... subprotocols) {
    return connectAs(null, url, subprotocols);
  }

  /** Connects with an HTTP {@code Authorization} header on the handshake (none when null). */
  static SocketClient connectAs(String authorization, String url, String... subprotocols) {
    SocketClient client = new SocketClient();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (subprotocols.length > 0) {
      builder.subprotocols(
          subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    client.socket =
        builder.connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), client).join();
    return client;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    synchronized (this) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      binary.write(bytes, 0, bytes.length);
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
      in.put(pending).put(bytes).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, out, false);
      pending = in.slice();
      screen.append(out.flip());
      notifyAll();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    synchronized (this) {
      partialText.append(data);
      if (last) {
        texts.add(partialText.toString());
        partialText.setLength(0);
      }
      notifyAll();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closeCode = statusCode;
    closed.complete(statusCode + " " + reason);
    synchronized (this) {
      notifyAll();
    }
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete("error " + error);
  }

  void type(String keys) {
    socket.sendBinary(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)), true).join();
  }

  void sendBytes(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  void sendText(String text) {
    socket.sendText(text, true).join();
  }

  void resize(int cols, int rows) {
    sendText("{\"type\":\"resize\",\"cols\":" + cols + ",\"rows\":" + rows + "}");
  }

  synchronized String screen() {
    return screen.toString();
  }

  synchronized byte[] bytes() {
    return binary.toByteArray();
  }

  synchronized int binaryLength() {
    return binary.size();
  }

  List<String> texts() {
    return List.copyOf(texts);
  }

  int closeCode() {
    return closeCode;
  }

  /** Waits until the screen satisfies {@code condition}; fails with the screen when it does not. */
  synchronized String awaitScreen(Predicate<String> condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.test(screen.toString())) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "the screen did not show what was expected in " + timeout + ":\n" + screen);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return screen.toString();
  }

  String awaitScreenContains(String text) {
    return awaitScreen(s -> s.contains(text), Duration.ofSeconds(15));
  }

  synchronized String awaitText(Predicate<String> condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String t : texts) {
        if (condition.test(t)) {
          return t;
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no text message as expected in " + timeout + ": " + texts);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  synchronized void awaitBytes(int count, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (binary.size() < count) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("only " + binary.size() + " of " + count + " bytes in " + timeout);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  String awaitClose() {
    return closed.orTimeout(15, TimeUnit.SECONDS).join();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
  }
}

package dev.enshu.orchestrator.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket of {@code bench api} (the live feed, a terminal): its handshake timed into the
 * figures, the text messages it received counted, keys typed into it timed until their echo, and
 * whether the server closed it.
 */
final class ApiSocket implements WebSocket.Listener {
  private final AtomicLong messages = new AtomicLong();
  private final CompletableFuture<String> first = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private long bytes;
  private volatile WebSocket socket;
  private volatile String closedByServer;

  /** Opens {@code path} with the client's session; null when the handshake failed. */
  static ApiSocket open(
      HttpClient http, ApiClient client, String endpoint, String path, ApiFigures figures) {
    ApiSocket listener = new ApiSocket();
    URI uri = URI.create(client.uri(path).toString().replaceFirst("^http", "ws"));
    long start = System.nanoTime();
    int status = 101;
    try {
      listener.socket =
          http.newWebSocketBuilder()
              .header("Cookie", client.cookieHeader())
              .connectTimeout(Duration.ofSeconds(30))
              .buildAsync(uri, listener)
              .get(30, TimeUnit.SECONDS);
      return listener;
    } catch (ExecutionException e) {
      status =
          e.getCause() instanceof WebSocketHandshakeException h
              ? h.getResponse().statusCode()
              : ApiFigures.NO_ANSWER;
      return null;
    } catch (TimeoutException e) {
      status = ApiFigures.NO_ANSWER;
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = ApiFigures.NO_ANSWER;
      return null;
    } finally {
      if (figures != null) {
        figures.record(endpoint, System.nanoTime() - start, status);
      }
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.incrementAndGet();
      first.complete(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    synchronized (this) {
      bytes += data.remaining();
      notifyAll();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed(statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed("error " + error);
  }

  private void closed(String how) {
    synchronized (this) {
      closedByServer = how;
      notifyAll();
    }
    first.complete("closed " + how);
  }

  /**
   * Sends one key as a binary message and waits, up to {@code wait}, for binary output that answers
   * it (a terminal's echo); the time is recorded under {@code endpoint}. False when none came or
   * the socket is closed.
   */
  boolean type(char key, Duration wait, String endpoint, ApiFigures figures)
      throws InterruptedException {
    WebSocket open = socket;
    if (open == null || closedByServer != null) {
      return false;
    }
    long start = System.nanoTime();
    long before;
    synchronized (this) {
      before = bytes;
    }
    // a key that is not sent is a key without an echo, which the wait below reports
    var unused =
        open.sendBinary(
            ByteBuffer.wrap(String.valueOf(key).getBytes(StandardCharsets.UTF_8)), true);
    long until = start + wait.toNanos();
    boolean echoed;
    synchronized (this) {
      long left;
      while (bytes == before && closedByServer == null && (left = until - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      echoed = bytes > before;
    }
    figures.record(endpoint, System.nanoTime() - start, echoed ? 200 : ApiFigures.NO_ANSWER);
    return echoed;
  }

  /** The first message, or how the socket was closed, within {@code wait}; null when neither. */
  String firstEvent(Duration wait) throws InterruptedException {
    try {
      return first.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  long messages() {
    return messages.get();
  }

  /** How the server closed it, or null while it is open. */
  String closedByServer() {
    return closedByServer;
  }

  void close() {
    if (closedByServer == null && socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(5, TimeUnit.SECONDS);
    }
  }
}

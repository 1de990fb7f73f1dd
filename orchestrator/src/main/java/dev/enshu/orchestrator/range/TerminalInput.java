package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded stream of input chunks for a terminal ({@link TerminalTransport#open}'s input): browser
 * threads {@link #offer} without blocking; the transport's stdin copier reads. Not {@code
 * PipedInputStream}, which breaks when the writing thread ends (and web socket threads come and
 * go).
 */
public final class TerminalInput extends InputStream {
  private static final byte[] END = new byte[0];
  private final BlockingQueue<byte[]> chunks;
  private byte[] current = new byte[0];
  private int position;
  private volatile boolean ended;

  /** Holds at most {@code capacity} chunks not yet read. */
  public TerminalInput(int capacity) {
    this.chunks = new ArrayBlockingQueue<>(capacity);
  }

  /**
   * Queues a copy of {@code chunk} without blocking; fails with an {@code EnshuException} when the
   * input has ended (CONFLICT) or the queue is full: the host does not read its input
   * (UNAVAILABLE).
   */
  public void offer(byte[] chunk) {
    if (ended) {
      throw new EnshuException(Status.CONFLICT, "the terminal is closed");
    }
    if (chunk.length > 0 && !chunks.offer(chunk.clone())) {
      throw new EnshuException(
          Status.UNAVAILABLE,
          "the host does not read its input: " + chunks.size() + " chunks are waiting");
    }
  }

  /** Ends the input: the reader sees its end once, chunks not yet read are dropped. Idempotent. */
  public void end() {
    ended = true;
    chunks.clear();
    chunks.offer(END);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (position >= current.length) {
      if (current == END) {
        return -1;
      }
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      position = 0;
      if (current == END) {
        return -1;
      }
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - position;
  }

  @Override
  public void close() {
    end();
  }
}

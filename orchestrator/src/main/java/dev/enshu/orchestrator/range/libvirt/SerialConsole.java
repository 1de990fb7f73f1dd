package dev.enshu.orchestrator.range.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.libvirt.jna.SizeT;

/**
 * A guest's serial console as a byte stream, through libvirt's {@code virDomainOpenConsole} (which
 * libvirt-java 0.5.2 does not wrap: it is bound here through JNA, on the pointer of a connection
 * that the console has to itself and releases when its stream is freed). The stream is blocking:
 * one thread reads, another writes, and {@link #close()} from any thread aborts it, which wakes a
 * blocked read. The native stream is freed once it is closed and no read or write is in flight, so
 * no call ever touches a freed stream.
 *
 * <p>A serial line carries bytes only: there is no window size to tell the guest and no signal
 * other than the characters themselves.
 */
public final class SerialConsole implements AutoCloseable {
  private final String domain;
  private final Pointer stream;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean freed = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();

  private final Runnable release;

  private SerialConsole(String domain, Pointer stream, Runnable release) {
    this.domain = domain;
    this.stream = stream;
    this.release = release;
  }

  /**
   * Opens {@code device} (a serial or console alias such as {@code serial0}) of {@code domain} on
   * {@code connection}. Fails with CONFLICT when another client holds that console (libvirt allows
   * one), NOT_FOUND when there is no such domain, UNAVAILABLE otherwise.
   */
  static SerialConsole open(Pointer connection, String domain, String device, Runnable release) {
    Virt virt = Virt.LIB;
    Pointer dom = virt.virDomainLookupByName(connection, domain);
    if (dom == null) {
      throw new ProviderException(
          Status.NOT_FOUND, "no domain " + domain + " for a serial console: " + lastError());
    }
    try {
      Pointer stream = virt.virStreamNew(connection, 0);
      if (stream == null) {
        throw new ProviderException(
            Status.UNAVAILABLE, "no console stream for " + domain + ": " + lastError());
      }
      if (virt.virDomainOpenConsole(dom, device, stream, 0) < 0) {
        String error = lastError();
        virt.virStreamFree(stream);
        boolean busy = error.toLowerCase(java.util.Locale.ROOT).contains("active console");
        throw new ProviderException(
            busy ? Status.CONFLICT : Status.UNAVAILABLE,
            "cannot open the serial console "
                + device
                + " of "
                + domain
                + (busy ? ": another session holds it (" + error + ")" : ": " + error));
      }
      return new SerialConsole(domain, stream, release);
    } finally {
      virt.virDomainFree(dom);
    }
  }

  /**
   * Blocks until the guest writes; returns how many bytes were put in {@code buffer}, or -1 when
   * the console ended (the guest went away or the stream was closed).
   */
  public int read(byte[] buffer) {
    if (!enter()) {
      return -1;
    }
    try {
      int n = Virt.LIB.virStreamRecv(stream, buffer, new SizeT(buffer.length));
      if (n == -2) {
        return 0; // nothing now (only for non-blocking streams)
      }
      if (n < 0 && !closed.get()) {
        throw new ProviderException(
            Status.UNAVAILABLE, "the serial console of " + domain + " failed: " + lastError());
      }
      return n <= 0 ? -1 : n;
    } finally {
      leave();
    }
  }

  /** Writes all of {@code bytes} to the guest's serial line, blocking while libvirt sends. */
  public void write(byte[] bytes) {
    if (!enter()) {
      throw new ProviderException(
          Status.CONFLICT, "the serial console of " + domain + " is closed");
    }
    try {
      byte[] rest = bytes;
      while (rest.length > 0) {
        int n = Virt.LIB.virStreamSend(stream, rest, new SizeT(rest.length));
        if (n < 0) {
          throw new ProviderException(
              Status.UNAVAILABLE,
              "cannot write to the serial console of " + domain + ": " + lastError());
        }
        rest = java.util.Arrays.copyOfRange(rest, n, rest.length);
      }
    } finally {
      leave();
    }
  }

  /** Aborts the stream (a blocked read returns -1). Idempotent; thread-safe. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Virt.LIB.virStreamAbort(stream);
      if (inFlight.get() == 0) {
        free();
      }
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  private boolean enter() {
    inFlight.incrementAndGet();
    if (closed.get()) {
      leave();
      return false;
    }
    return true;
  }

  private void leave() {
    if (inFlight.decrementAndGet() == 0 && closed.get()) {
      free();
    }
  }

  private void free() {
    if (freed.compareAndSet(false, true)) {
      Virt.LIB.virStreamFree(stream);
      release.run();
    }
  }

  private static String lastError() {
    String message = Virt.LIB.virGetLastErrorMessage();
    return message == null ? "unknown libvirt error" : message;
  }

  /** The few libvirt calls the console needs beyond libvirt-java's API. */
  interface Virt extends com.sun.jna.Library {
    Virt LIB = Native.load("virt", Virt.class);

    Pointer virDomainLookupByName(Pointer connection, String name);

    int virDomainFree(Pointer domain);

    Pointer virStreamNew(Pointer connection, int flags);

    int virDomainOpenConsole(Pointer domain, String device, Pointer stream, int flags);

    int virStreamRecv(Pointer stream, byte[] data, SizeT bytes);

    int virStreamSend(Pointer stream, byte[] data, SizeT bytes);

    int virStreamAbort(Pointer stream);

    int virStreamFree(Pointer stream);

    String virGetLastErrorMessage();
  }
}

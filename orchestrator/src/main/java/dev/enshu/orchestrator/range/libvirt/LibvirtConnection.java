package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.Availability;
import java.util.concurrent.atomic.AtomicBoolean;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * The one owner of a libvirt {@link Connect} to one hypervisor host: opens it, keeps it alive
 * (keepalive needs the event loop), reopens it when it died, closes it. Thread-safe.
 */
public final class LibvirtConnection implements AutoCloseable {
  private static final AtomicBoolean EVENT_LOOP = new AtomicBoolean();

  private final String uri;
  private Connect connect;
  private String lastError = "";
  private long reopened;

  private LibvirtConnection(String uri) {
    this.uri = uri;
  }

  /** A connection to {@code uri}, opened lazily; a host that is down is reported by probe(). */
  public static LibvirtConnection to(String uri) {
    startEventLoop();
    return new LibvirtConnection(uri);
  }

  /**
   * The libvirt event loop must run for keepalive messages and for libvirt to notice a dead
   * connection; libvirt allows one per process, so it is started once, on a daemon thread.
   */
  private static void startEventLoop() {
    if (EVENT_LOOP.compareAndSet(false, true)) {
      try {
        Library.initEventLoop();
      } catch (LibvirtException e) {
        EVENT_LOOP.set(false);
        return;
      }
      Thread loop =
          new Thread(
              () -> {
                try {
                  Library.runEventLoop();
                } catch (LibvirtException | InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "libvirt-event-loop");
      loop.setDaemon(true);
      loop.start();
    }
  }

  public String uri() {
    return uri;
  }

  /** The open connection, reopened if it is closed or dead. */
  public synchronized Connect connect() {
    try {
      if (connect != null && connect.isAlive()) {
        return connect;
      }
    } catch (LibvirtException e) {
      // dead: reopen below
    }
    boolean lost = connect != null || !lastError.isEmpty();
    closeQuietly();
    try {
      connect = new NativeConnect(uri);
      if (!uri.startsWith("test:")) {
        connect.setKeepAlive(5, 3);
      }
      if (lost) {
        reopened++;
      }
      lastError = "";
      return connect;
    } catch (LibvirtException e) {
      connect = null;
      lastError = e.getMessage();
      throw new ProviderException(
          Status.UNAVAILABLE,
          "libvirt host " + uri + " cannot be reached: " + e.getMessage() + hint(),
          e);
    }
  }

  /**
   * Opens the serial console {@code device} of {@code domain} on this host (see {@link
   * SerialConsole}) on a connection of its own, closed with the console: a read that blocks on the
   * stream until the guest writes holds up nothing else (another session's open, which must be
   * refused at once, or the provider's calls).
   */
  public SerialConsole openConsole(String domain, String device) {
    NativeConnect own;
    try {
      own = new NativeConnect(uri);
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "libvirt host " + uri + " cannot be reached: " + e.getMessage() + hint(),
          e);
    }
    Runnable release =
        () -> {
          try {
            own.close();
          } catch (LibvirtException e) {
            // the console is gone either way
          }
        };
    try {
      return SerialConsole.open(own.pointer(), domain, device, release);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }

  /** A connection that lends its native pointer to the calls libvirt-java does not wrap. */
  private static final class NativeConnect extends Connect {
    NativeConnect(String uri) throws LibvirtException {
      super(uri, false);
    }

    com.sun.jna.Pointer pointer() {
      return vcp.getPointer();
    }
  }

  private String hint() {
    return uri.startsWith("qemu:///")
        ? " (start libvirtd with scripts/setup-libvirt.sh, as root)"
        : "";
  }

  /**
   * How many times a lost connection (a daemon restarted, a host unreachable for a while) has been
   * opened again.
   */
  public synchronized long reopened() {
    return reopened;
  }

  /** Whether the host answers now; never throws. */
  public Availability probe() {
    try {
      Connect c = connect();
      return Availability.yes(
          uri + ": libvirt " + Library.getVersion() + ", hypervisor " + c.getType());
    } catch (ProviderException | LibvirtException e) {
      return Availability.no(uri + ": " + (lastError.isEmpty() ? e.getMessage() : lastError));
    }
  }

  private void closeQuietly() {
    if (connect != null) {
      try {
        connect.close();
      } catch (LibvirtException e) {
        // already gone
      }
      connect = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  @Override
  public String toString() {
    return uri;
  }
}

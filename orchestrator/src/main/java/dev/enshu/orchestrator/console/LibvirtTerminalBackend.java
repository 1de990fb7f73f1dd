package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.RangeProvider.ConsoleEndpoint;
import dev.enshu.orchestrator.range.libvirt.HostPool;
import dev.enshu.orchestrator.range.libvirt.SerialConsole;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Terminals on VMs: the guest's serial console (the provider's endpoint {@code serial0 on URI},
 * target the domain name) through libvirt's console stream. One reader thread hands the guest's
 * output on in chunks of at most 16 KiB as it comes; one writer thread drains a bounded {@link
 * InputQueue}, so browsers never wait for libvirt. Bytes pass unchanged both ways: UTF-8 survives
 * as long as the guest's shell is 8-bit clean (Debian's readline is; the guest's locale decides how
 * programs count characters).
 *
 * <p>Size: a serial line has no window size the host side could set (no TIOCSWINSZ, no NAWS), and
 * typing {@code stty rows R cols C} into the line would land in whatever program is reading it, so
 * {@link Terminal#resize} tells the guest nothing; the recording still notes the browser's size.
 * Inside the guest, {@code stty rows R cols C} or xterm's {@code resize} sets it.
 *
 * <p>libvirt lets one client hold a serial console at a time: a second session on the same guest is
 * refused (CONFLICT) rather than taking the line from the first.
 */
public final class LibvirtTerminalBackend implements TerminalBackend {
  private static final int CHUNK = 16 * 1024;

  private final HostPool pool;
  private final int inputQueueChunks;

  public LibvirtTerminalBackend(HostPool pool, int inputQueueChunks) {
    this.pool = pool;
    this.inputQueueChunks = inputQueueChunks;
  }

  @Override
  public String provider() {
    return "libvirt";
  }

  @Override
  public Terminal open(ConsoleEndpoint endpoint, int cols, int rows, Output output) {
    String detail = endpoint.detail() == null ? "" : endpoint.detail();
    int on = detail.indexOf(" on ");
    if (on < 1) {
      throw new EnshuException(
          Status.INTERNAL,
          "the serial console endpoint of "
              + endpoint.target()
              + " is '"
              + detail
              + "', expected 'DEVICE on URI'");
    }
    String device = detail.substring(0, on);
    String uri = detail.substring(on + 4);
    SerialConsole console = pool.host(uri).openConsole(endpoint.target(), device);
    SerialTerminal terminal =
        new SerialTerminal(endpoint.target(), console, new InputQueue(inputQueueChunks), output);
    terminal.start();
    return terminal;
  }

  private static final class SerialTerminal implements Terminal {
    private final String domain;
    private final SerialConsole console;
    private final InputQueue stdin;
    private final Output output;
    private final AtomicBoolean ended = new AtomicBoolean();

    SerialTerminal(String domain, SerialConsole console, InputQueue stdin, Output output) {
      this.domain = domain;
      this.console = console;
      this.stdin = stdin;
      this.output = output;
    }

    void start() {
      Thread reader = new Thread(this::fromGuest, "console-serial-out-" + domain);
      reader.setDaemon(true);
      reader.start();
      Thread writer = new Thread(this::toGuest, "console-serial-in-" + domain);
      writer.setDaemon(true);
      writer.start();
    }

    private void fromGuest() {
      byte[] buffer = new byte[CHUNK];
      try {
        int n;
        while ((n = console.read(buffer)) >= 0) {
          if (n > 0) {
            output.data(Arrays.copyOf(buffer, n));
          }
        }
        end("the serial console of " + domain + " ended");
      } catch (RuntimeException e) {
        end(e.getMessage());
      }
    }

    private void toGuest() {
      byte[] buffer = new byte[CHUNK];
      try {
        int n;
        while ((n = stdin.read(buffer, 0, buffer.length)) >= 0) {
          console.write(Arrays.copyOf(buffer, n));
        }
      } catch (RuntimeException e) {
        end(e.getMessage());
      }
    }

    @Override
    public void write(byte[] input) {
      stdin.offer(input);
    }

    /** A serial line has no size to set: see the class comment. */
    @Override
    public void resize(int cols, int rows) {}

    @Override
    public void close() {
      end("closed by the gateway");
    }

    private void end(String reason) {
      if (ended.compareAndSet(false, true)) {
        stdin.end();
        console.close();
        output.ended(reason);
      }
    }
  }
}

package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.range.TerminalTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Terminals on one VM: a serial console of the guest (device {@code serial0}) through libvirt's
 * console stream on the guest's hypervisor host. One reader thread hands the guest's output on in
 * chunks of at most 16 KiB as it comes; one writer thread drains the caller's input (bounded by the
 * caller), so browsers never wait for libvirt. Bytes pass unchanged both ways: UTF-8 survives as
 * long as the guest's shell is 8-bit clean (Debian's readline is; the guest's locale decides how
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
final class SerialTerminal implements TerminalTransport {
  private static final int CHUNK = 16 * 1024;

  private final LibvirtConnection host;
  private final String domain;
  private final String device;

  SerialTerminal(LibvirtConnection host, String domain, String device) {
    this.host = host;
    this.domain = domain;
    this.device = device;
  }

  @Override
  public Terminal open(int cols, int rows, InputStream input, Output output) {
    SerialConsole console = host.openConsole(domain, device);
    Line terminal = new Line(domain, console, input, output);
    terminal.start();
    return terminal;
  }

  private static final class Line implements Terminal {
    private final String domain;
    private final SerialConsole console;
    private final InputStream stdin;
    private final Output output;
    private final AtomicBoolean ended = new AtomicBoolean();

    Line(String domain, SerialConsole console, InputStream stdin, Output output) {
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
      } catch (IOException | RuntimeException e) {
        end(e.getMessage());
      }
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
        try {
          stdin.close();
        } catch (IOException e) {
          // the writer thread stops at the console's close below as well
        }
        console.close();
        output.ended(reason);
      }
    }
  }
}

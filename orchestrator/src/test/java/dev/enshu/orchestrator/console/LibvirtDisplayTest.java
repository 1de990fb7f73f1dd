package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.libvirt.HostPool;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import dev.enshu.orchestrator.range.libvirt.LibvirtSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/**
 * A VM's console and display as the gateway gets them from the libvirt provider, with libvirt's
 * built-in test driver (no daemon, no VM) holding a guest whose VNC display is on loopback port
 * 5931: the provider answers with a serial {@code Terminal} and a {@code Vnc} endpoint beside it,
 * and the VNC relay takes that display's address (the relaying of RFB bytes to such an endpoint is
 * what ConsoleRelaysIT runs against a real QEMU).
 */
class LibvirtDisplayTest {
  private static final ConsoleTarget TARGET = new ConsoleTarget("lvdisplay", 1, "pc");
  private static final String DOMAIN = "enshu-lvdisplay-t1-pc";

  private final HostPool pool = HostPool.of(List.of("test:///default"));
  private Domain guest;

  @AfterEach
  void removeGuest() throws Exception {
    if (guest != null) {
      guest.destroy();
    }
    pool.close();
  }

  private LibvirtRangeProvider providerWithGuest(String graphics) throws Exception {
    guest =
        pool.hosts()
            .get(0)
            .connect()
            .domainCreateXML(
                "<domain type='test'><name>"
                    + DOMAIN
                    + "</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                    + "<devices>"
                    + graphics
                    + "</devices></domain>",
                0);
    return new LibvirtRangeProvider(pool, LibvirtSettings.detect(), Clock.systemUTC());
  }

  @Test
  void theLibvirtProviderOffersAVncDisplayBesideTheSerialConsoleAndTheRelayTakesIt()
      throws Exception {
    LibvirtRangeProvider libvirt =
        providerWithGuest("<graphics type='vnc' port='5931' autoport='no' listen='127.0.0.1'/>");
    ConsoleEndpoints endpoints = new ProviderConsoleEndpoints(List.of(libvirt));

    assertThat(endpoints.endpoint(TARGET))
        .isInstanceOfSatisfying(
            ConsoleEndpoint.Terminal.class,
            serial -> {
              assertThat(serial.provider()).isEqualTo("libvirt");
              assertThat(serial.target()).isEqualTo(DOMAIN);
            });
    ConsoleEndpoint display = endpoints.vnc(TARGET);
    assertThat(display).isEqualTo(new ConsoleEndpoint.Vnc("libvirt", DOMAIN, "127.0.0.1", 5931));
    assertThat(VncRelayHandler.loopback((ConsoleEndpoint.Vnc) display, TARGET))
        .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5931));
  }

  @Test
  void aGuestWithoutADisplayHasNone() throws Exception {
    LibvirtRangeProvider libvirt = providerWithGuest("");
    ConsoleEndpoints endpoints = new ProviderConsoleEndpoints(List.of(libvirt));

    assertThatThrownBy(() -> endpoints.vnc(TARGET))
        .hasMessageContaining("no provider has a display for " + TARGET)
        .hasMessageContaining("has no VNC display");
  }
}

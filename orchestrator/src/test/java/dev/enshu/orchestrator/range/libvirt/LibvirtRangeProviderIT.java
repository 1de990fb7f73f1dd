package dev.enshu.orchestrator.range.libvirt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.EngineRangeProviderContract;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.EngineImages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The provider contract against the real {@code qemu:///system} here (VMs under TCG where there is
 * no KVM), and what is particular to libvirt.
 */
class LibvirtRangeProviderIT extends EngineRangeProviderContract {
  private final List<HostPool> pools = new ArrayList<>();

  @Override
  protected RangeProvider createProvider() {
    // guests' disks are made from the role images
    EngineImages.ensureBuilt();
    LibvirtRangeProvider provider = newProvider();
    RangeProvider.Availability availability = provider.probe();
    assertThat(availability.available())
        .as("libvirt must run here (scripts/setup-libvirt.sh starts it): %s", availability.detail())
        .isTrue();
    return provider;
  }

  @Override
  protected RangeProvider createAnotherProvider() {
    return newProvider();
  }

  private LibvirtRangeProvider newProvider() {
    HostPool pool = HostPool.of(List.of("qemu:///system"));
    pools.add(pool);
    return new LibvirtRangeProvider(pool, LibvirtSettings.detect(), Clock.systemUTC());
  }

  @Override
  protected void release() {
    pools.forEach(HostPool::close);
  }

  @Test
  @Order(7)
  void vncDisplayIsOnLoopbackOnly() {
    ConsoleEndpoint.Vnc vnc = provider.display(new HostRef(teamA.rangeId(), "pc")).orElseThrow();
    assertThat(vnc.address()).matches("127\\.0\\.0\\.1:59\\d\\d");
  }

  @Test
  @Order(7)
  void theRangeIsOnIsolatedNetworksWithoutAHostAddress() throws Exception {
    for (RangeProvider.ProviderResource r : provider.list()) {
      if (r.kind().equals("network") && teamA.rangeId().equals(r.rangeId())) {
        String bridge = LibvirtNames.bridge(teamA.rangeId(), r.labels().get("enshu.segment"));
        Process p = new ProcessBuilder("ip", "-4", "-o", "addr", "show", "dev", bridge).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).as("addresses of the host machine on %s", bridge).isBlank();
      }
    }
    // and the guests have no way out: the firewall has no default route
    ExecResult routes =
        provider.exec(
            new HostRef(teamA.rangeId(), "fw"),
            List.of("ip", "-4", "route", "show", "default"),
            Duration.ofSeconds(10));
    assertThat(routes.stdout()).isBlank();
  }
}

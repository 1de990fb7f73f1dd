package dev.enshu.orchestrator.range.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.range.ProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Placement over a pool, with libvirt's built-in test driver (no daemon) standing in for hypervisor
 * hosts; {@code test:///default} reports a fixed node of 16 CPUs.
 */
class HostPoolTest {
  private static final String DOWN = "qemu+tcp://127.0.0.1:1/system";

  @Test
  void placesARangeWholeOnTheHostWithMostFreeMemory() throws Exception {
    try (HostPool pool = HostPool.of(List.of("test:///default", "test:///default"))) {
      long free = pool.capacity(pool.hosts().get(0)).freeMib();
      HostPool.Placement placement = pool.place("r1", new HostPool.Demand(free, 7));
      assertThat(placement.host()).isSameAs(pool.hosts().get(0));
      assertThat(placement.skipped())
          .containsExactly("test:///default has less free memory than test:///default");
    }
  }

  @Test
  void skipsAHostThatIsDownWithItsReason() {
    try (HostPool pool = HostPool.of(List.of(DOWN, "test:///default"))) {
      HostPool.Placement placement = pool.place("r1", new HostPool.Demand(1, 2));
      assertThat(placement.host().uri()).isEqualTo("test:///default");
      assertThat(placement.skipped()).singleElement().asString().startsWith(DOWN + " is down: ");
    }
  }

  @Test
  void capacityExhaustionNamesWhatIsMissingOnEachHost() {
    try (HostPool pool = HostPool.of(List.of("test:///default", DOWN))) {
      long free = pool.place("r0", new HostPool.Demand(1, 1)).capacity().freeMib();
      assertThatThrownBy(() -> pool.place("r2", new HostPool.Demand(free + 1, 100_000)))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("no libvirt host can take range r2")
          .hasMessageContaining("test:///default lacks " + (free + 1) + " MiB of memory")
          .hasMessageContaining("and 100000 vCPUs")
          .hasMessageContaining(DOWN + " is down");
    }
  }
}

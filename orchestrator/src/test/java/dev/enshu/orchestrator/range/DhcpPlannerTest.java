package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangePlan.DhcpScope;
import dev.enshu.orchestrator.range.RangePlan.Lease;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpPlannerTest {
  private final PlanFixture plan = new PlanFixture();
  private final List<DhcpScope> scopes =
      new DhcpPlanner(plan.loaded.template(), plan.at, plan.hosts).scopes();

  @Test
  void eachPooledSegmentHasAScopeRelayedByItsRouter() {
    assertThat(scopes).extracting(DhcpScope::segment).containsExactly("dept-soumu", "dept-zaimu");
    DhcpScope soumu = scopes.get(0);
    assertThat(soumu.cidr()).isEqualTo("10.65.21.0/24");
    assertThat(soumu.server()).isEqualTo("dhcp");
    assertThat(soumu.serverAddress()).isEqualTo(plan.host("dhcp").address());
    assertThat(soumu.router()).isEqualTo("fw-internal");
    assertThat(soumu.routerAddress()).isEqualTo("10.65.21.254");
  }

  @Test
  void everyLeaseIsReservedForItsTerminalsMac() {
    PlannedHost pc = plan.host("pc-zaimu-2");
    assertThat(scopes.get(1).leases())
        .hasSize(2)
        .contains(new Lease(pc.id(), pc.interfaces().get(0).mac(), pc.address()));
  }
}

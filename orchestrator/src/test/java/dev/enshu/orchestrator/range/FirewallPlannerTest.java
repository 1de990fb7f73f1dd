package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallPlannerTest {
  private final PlanFixture plan = new PlanFixture();
  private final List<PlannedRule> rules =
      new FirewallPlanner(plan.loaded.template(), plan.at, plan.hosts).rules();

  @Test
  void logForwardingComesFirstFromEveryWatchedAddress() {
    PlannedRule first = rules.get(0);
    assertThat(first.to()).containsExactly(plan.host("soc").address() + "/32");
    assertThat(first.allow()).isTrue();
    assertThat(first.from())
        .hasSize(
            (int)
                plan.hosts.stream()
                    .filter(PlannedHost::watched)
                    .mapToLong(h -> h.interfaces().size())
                    .sum());
  }

  @Test
  void segmentsBecomeTheirTeamNetworksAndHostsTheirAddresses() {
    PlannedRule publicWeb = rules.get(1);
    assertThat(publicWeb.from()).containsExactly("10.65.0.0/24");
    assertThat(publicWeb.to()).containsExactly(plan.host("web").address() + "/32");
    assertThat(publicWeb.ports()).containsExactly(80, 443);
    assertThat(rules).hasSize(plan.loaded.template().firewall().rules().size() + 1);
  }
}

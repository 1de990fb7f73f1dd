package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.PlannedHost.PlannedInterface;
import org.junit.jupiter.api.Test;

class HostPlannerTest {
  private final PlanFixture plan = new PlanFixture();

  @Test
  void fixedAddressesMoveIntoTheTeamsBlock() {
    assertThat(plan.host("ad").address()).isEqualTo("10.65.10.10");
    assertThat(plan.host("research-data").interfaces())
        .extracting(PlannedInterface::address)
        .containsExactly("10.65.40.10", "10.65.41.10");
  }

  @Test
  void groupMembersAreNumberedAndLeaseThePoolsAddressesInOrder() {
    PlannedHost first = plan.host("pc-soumu-1");
    PlannedHost second = plan.host("pc-soumu-2");
    assertThat(first.interfaces()).singleElement().satisfies(n -> assertThat(n.dhcp()).isTrue());
    assertThat(first.address()).isEqualTo("10.65.21.100");
    assertThat(second.address()).isEqualTo("10.65.21.101");
    assertThat(plan.host("pc-zaimu-1").address())
        .as("each pool counts apart")
        .isEqualTo("10.65.22.100");
    assertThat(second.settings()).containsEntry("user", "soumu2");
    assertThat(second.group()).isEqualTo("pc-soumu");
    assertThat(second.fqdn()).isEqualTo("pc-soumu-2." + plan.loaded.template().domain());
  }

  @Test
  void theInternetAsksThePublicResolverAndTheOrganisationItsOwnDns() {
    String publicDns = plan.host("public-dns").address();
    String organisationDns = plan.host("dns").address();
    assertThat(plan.host("attacker").resolvers()).containsExactly(publicDns);
    assertThat(plan.host("pc-zaimu-1").resolvers()).containsExactly(organisationDns);
  }

  @Test
  void theSocCollectorWatchesOthersButNotItself() {
    assertThat(plan.host("soc").watched()).isFalse();
    assertThat(plan.hosts).anyMatch(PlannedHost::watched);
  }

  @Test
  void hostsWithoutResourcesGetTheDefaultsAndOthersWhatTheTemplateSays() {
    assertThat(plan.host("web").memoryMb()).isEqualTo(256);
    assertThat(plan.host("web").cpus()).isEqualTo(0.5);
    assertThat(plan.host("ad").memoryMb()).isEqualTo(512);
  }
}

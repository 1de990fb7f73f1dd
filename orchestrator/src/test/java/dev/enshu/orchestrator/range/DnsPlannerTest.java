package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangePlan.DnsRecord;
import dev.enshu.orchestrator.range.RangePlan.DnsZone;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsPlannerTest {
  private final PlanFixture plan = new PlanFixture();
  private final List<DnsZone> zones =
      new DnsPlanner(plan.loaded.scenario(), plan.loaded.template(), plan.hosts, plan.candidates)
          .zones();

  @Test
  void theOrganisationsZoneNamesItsHostsButNotTheAttackers() {
    DnsZone organisation = zones.get(0);
    assertThat(organisation.zone()).isEqualTo(plan.loaded.template().domain());
    assertThat(organisation.servers()).containsExactly("dns");
    assertThat(organisation.records())
        .contains(new DnsRecord(plan.host("ad").fqdn(), plan.host("ad").address()))
        .noneMatch(r -> r.name().equals(plan.host("attacker").fqdn()))
        .noneMatch(r -> r.name().equals(plan.host("c2").fqdn()))
        .isSortedAccordingTo(java.util.Comparator.comparing(DnsRecord::name));
  }

  @Test
  void everyC2CandidateResolvesToTheC2SoThatNoLookupTellsTheDrawnOne() {
    DnsZone internet = zones.get(1);
    assertThat(internet.zone()).isEqualTo("internet");
    assertThat(internet.servers()).containsExactly("public-dns");
    String c2 = plan.host("c2").address();
    assertThat(internet.records())
        .filteredOn(r -> r.address().equals(c2))
        .extracting(DnsRecord::name)
        .hasSize(6)
        .contains(plan.variables.get("c2Domain"));
    assertThat(internet.records())
        .contains(new DnsRecord("billing-center.example.com", plan.host("attacker").address()));
  }

  @Test
  void theDmzIsOnTheInternetUnderItsOwnNames() {
    assertThat(zones.get(1).records())
        .contains(new DnsRecord(plan.host("web").fqdn(), plan.host("web").address()))
        .noneMatch(r -> r.name().equals(plan.host("ad").fqdn()));
  }
}

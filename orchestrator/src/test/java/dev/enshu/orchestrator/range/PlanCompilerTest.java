package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import dev.enshu.template.HostRole;
import dev.enshu.template.Ipv4;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.json.JsonMapper;

class PlanCompilerTest {
  static final List<String> SCENARIOS = ScenarioLoader.BUNDLED;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static List<RangePlan> plans(String scenario, int teams, long seed) {
    ScenarioLoader.Loaded loaded = ScenarioLoader.bundled(scenario);
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    return java.util.stream.IntStream.rangeClosed(1, teams)
        .mapToObj(
            t ->
                compiler.compile(
                    "ex1", t, seed, AddressPool.DEFAULT.block(t - 1, compiler.blockPrefix())))
        .toList();
  }

  @ParameterizedTest
  @FieldSource("SCENARIOS")
  void sameSeedGivesByteIdenticalPlans(String scenario) {
    String first = JSON.writeValueAsString(plans(scenario, 3, 7));
    String second = JSON.writeValueAsString(plans(scenario, 3, 7));
    assertThat(second).isEqualTo(first);
    assertThat(JSON.writeValueAsString(plans(scenario, 3, 8))).isNotEqualTo(first);
  }

  @Test
  void probesGetAHiddenCheckerInTheirSegmentAtAFreeAddressRoutedLikeItsNeighbours() {
    RangePlan plan = plans("phishing-ransomware", 2, 7).get(1);
    assertThat(plan.checkers())
        .extracting(PlannedHost::id)
        .containsExactlyInAnyOrder("checker-biz", "checker-internet");
    Set<String> used = new HashSet<>();
    plan.hosts().forEach(h -> h.interfaces().forEach(i -> used.add(i.address())));
    for (PlannedHost checker : plan.checkers()) {
      String segment = checker.interfaces().get(0).segment();
      assertThat(checker.role()).isEqualTo(HostRole.CHECKER);
      assertThat(used).doesNotContain(checker.address());
      assertThat(
              Cidr.parse(plan.segment(segment).orElseThrow().cidr())
                  .contains(Ipv4.parse(checker.address())))
          .isTrue();
      assertThat(plan.host(checker.id())).as("no list of the team's hosts has it").isEmpty();
      assertThat(plan.dns())
          .flatExtracting(RangePlan.DnsZone::records)
          .extracting(RangePlan.DnsRecord::address)
          .doesNotContain(checker.address());
      assertThat(plan.checker(segment)).contains(checker);
    }
    // routed as a one-segment host of the same segment is
    assertThat(plan.checker("biz").orElseThrow().routes())
        .isEqualTo(plan.requireHost("ad").routes());
    assertThat(plan.allHosts()).hasSize(plan.hosts().size() + 2);
    assertThat(plans("hospital-vpn-ransomware", 1, 7).get(0).checkers())
        .extracting(PlannedHost::id)
        .containsExactlyInAnyOrder("checker-core", "checker-internet");
  }

  @Test
  void teamsDrawDifferentValuesWhileThereAreEnough() {
    List<RangePlan> plans = plans("phishing-ransomware", 4, 7);
    // six C2 domains and four accounts: four teams all differ
    assertThat(plans).extracting(p -> p.variables().get("c2Domain")).doesNotHaveDuplicates();
    assertThat(plans).extracting(p -> p.variables().get("stolenAccount")).doesNotHaveDuplicates();
    // two finance terminals: teams alternate
    assertThat(plans.get(0).variables().get("victim"))
        .isNotEqualTo(plans.get(1).variables().get("victim"));
    assertThat(plans)
        .allSatisfy(p -> assertThat(p.variables().get("victim")).startsWith("pc-zaimu-"));
  }

  @Test
  void hostVariablesCarryTheHostsAddressUserAndName() {
    RangePlan plan = plans("phishing-ransomware", 1, 3).get(0);
    PlannedHost victim = plan.requireHost(plan.variables().get("victim"));
    assertThat(plan.variables().get("victim.address")).isEqualTo(victim.address());
    assertThat(plan.variables().get("victim.user")).isEqualTo(victim.settings().get("user"));
    assertThat(plan.variables().get("victim.fqdn")).isEqualTo(victim.id() + ".corp.example.jp");
  }

  /** Property: for many seeds and team counts, no two interfaces of all ranges share an address. */
  @ParameterizedTest
  @FieldSource("SCENARIOS")
  void noTwoHostsShareAnAddressInAnyRangeOrAcrossRanges(String scenario) {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 20; round++) {
      int teams = 1 + random.nextInt(10);
      List<RangePlan> plans = plans(scenario, teams, random.nextLong());
      Map<String, String> owner = new HashMap<>();
      for (RangePlan plan : plans) {
        Cidr block = Cidr.parse(plan.addressBlock());
        Map<String, Cidr> segments = new HashMap<>();
        plan.segments().forEach(s -> segments.put(s.id(), Cidr.parse(s.cidr())));
        for (PlannedHost host : plan.hosts()) {
          for (PlannedHost.PlannedInterface nic : host.interfaces()) {
            String previous = owner.put(nic.address(), plan.rangeId() + "/" + host.id());
            assertThat(previous)
                .as("address %s of %s/%s", nic.address(), plan.rangeId(), host.id())
                .isNull();
            long address = Ipv4.parse(nic.address());
            assertThat(block.contains(address)).as("%s inside %s", nic.address(), block).isTrue();
            assertThat(segments.get(nic.segment()).contains(address)).isTrue();
          }
        }
      }
    }
  }

  @Test
  void everyMacIsUniqueAndLocallyAdministered() {
    Set<String> macs = new HashSet<>();
    for (RangePlan plan : plans("phishing-ransomware", 5, 11)) {
      plan.hosts()
          .forEach(
              h -> h.interfaces().forEach(n -> assertThat(macs.add(n.mac())).as(n.mac()).isTrue()));
    }
    assertThat(macs).allSatisfy(mac -> assertThat(mac).matches("02(:[0-9a-f]{2}){5}"));
  }

  @Test
  void routesGoThroughTheSegmentsGatewayAndTheRightRouter() {
    RangePlan plan = plans("phishing-ransomware", 2, 1).get(1);
    assertThat(plan.addressBlock()).isEqualTo("10.65.0.0/16");
    PlannedHost terminal = plan.requireHost("pc-zaimu-1");
    assertThat(terminal.routes()).containsExactly(new PlannedHost.Route("default", "10.65.22.254"));
    PlannedHost ad = plan.requireHost("ad");
    assertThat(ad.routes())
        .contains(
            new PlannedHost.Route("default", "10.65.10.254"),
            new PlannedHost.Route("10.65.22.0/24", "10.65.10.253"),
            new PlannedHost.Route("10.65.30.0/24", "10.65.10.252"));
    // the closed R&D network has no way out
    assertThat(plan.requireHost("lab-pc").routes()).isEmpty();
  }

  @Test
  void departmentTerminalsLeaseReservedAddresses() {
    RangePlan plan = plans("phishing-ransomware", 1, 1).get(0);
    RangePlan.DhcpScope finance =
        plan.dhcp().stream()
            .filter(s -> s.segment().equals("dept-zaimu"))
            .findFirst()
            .orElseThrow();
    assertThat(finance.server()).isEqualTo("dhcp");
    assertThat(finance.routerAddress()).isEqualTo("10.64.22.254");
    assertThat(finance.leases())
        .extracting(RangePlan.Lease::host)
        .containsExactly("pc-zaimu-1", "pc-zaimu-2");
    PlannedHost terminal = plan.requireHost("pc-zaimu-2");
    assertThat(terminal.interfaces().get(0).dhcp()).isTrue();
    assertThat(finance.leases().get(1).mac()).isEqualTo(terminal.interfaces().get(0).mac());
  }

  @Test
  void theC2DomainResolvesToTheC2HostOnTheSimulatedInternet() {
    RangePlan plan = plans("phishing-ransomware", 1, 5).get(0);
    RangePlan.DnsZone internet =
        plan.dns().stream().filter(z -> z.zone().equals("internet")).findFirst().orElseThrow();
    assertThat(internet.servers()).containsExactly("public-dns");
    assertThat(internet.records())
        .contains(
            new RangePlan.DnsRecord(
                plan.variables().get("c2Domain"), plan.requireHost("c2").address()));
  }

  @Test
  void everyCandidateIsEquallyRealSoThatTheRangeDoesNotTellTheDrawnOne() {
    RangePlan plan = plans("phishing-ransomware", 1, 5).get(0);
    String c2 = plan.requireHost("c2").address();
    RangePlan.DnsZone internet =
        plan.dns().stream().filter(z -> z.zone().equals("internet")).findFirst().orElseThrow();
    // all six candidate C2 domains resolve, to the same host
    assertThat(internet.records())
        .filteredOn(r -> r.address().equals(c2))
        .extracting(RangePlan.DnsRecord::name)
        .containsExactlyInAnyOrder(
            "update-check.example.net",
            "cdn-sync.example.com",
            "telemetry-jp.example.org",
            "static-cache.example.net",
            "docs-preview.example.com",
            "cloud-sso.example.org");
    // the organisation's zone names none of the simulated internet's hosts
    RangePlan.DnsZone organisation =
        plan.dns().stream().filter(z -> !z.zone().equals("internet")).findFirst().orElseThrow();
    assertThat(organisation.records())
        .extracting(RangePlan.DnsRecord::address)
        .doesNotContain(c2, plan.requireHost("attacker").address());
    // every candidate account exists on the directory, in the same order for every team
    List<String> candidates = List.of("adm-tanaka", "adm-suzuki", "svc-backup", "adm-watanabe");
    for (RangePlan team : plans("phishing-ransomware", 3, 5)) {
      assertThat(team.accountsOn("ad"))
          .extracting(RangePlan.Account::name)
          .filteredOn(candidates::contains)
          .containsExactlyElementsOf(candidates);
      assertThat(team.accountsOn("ad"))
          .filteredOn(a -> candidates.contains(a.name()))
          .extracting(RangePlan.Account::password)
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void logForwardingToTheSocIsAllowedBeforeTheTemplatesRules() {
    RangePlan plan = plans("phishing-ransomware", 1, 5).get(0);
    PlannedRule first = plan.firewall().get(0);
    assertThat(first.allow()).isTrue();
    assertThat(first.to()).containsExactly(plan.requireHost("soc").address() + "/32");
    assertThat(first.ports()).containsExactly(514);
    assertThat(first.from()).contains(plan.requireHost("proxy").address() + "/32");
  }

  @Test
  void aBlockOfTheWrongSizeIsRefused() {
    ScenarioLoader.Loaded loaded = ScenarioLoader.bundled("phishing-ransomware");
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    assertThatThrownBy(() -> compiler.compile("ex1", 1, 1, Cidr.parse("10.64.0.0/17")))
        .hasMessageContaining("needs a /16");
  }
}

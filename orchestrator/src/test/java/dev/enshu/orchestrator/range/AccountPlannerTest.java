package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangePlan.Account;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountPlannerTest {
  private final PlanFixture plan = new PlanFixture();
  private final List<Account> accounts =
      new AccountPlanner(
              plan.loaded.scenario(),
              PlanFixture.RANGE,
              PlanFixture.SEED,
              plan.hosts,
              plan.candidates)
          .accounts();

  @Test
  void aTerminalsUserHasOnePasswordOnTheTerminalTheDomainControllerAndTheFileServer() {
    assertThat(accounts)
        .filteredOn(a -> a.name().equals("zaimu1"))
        .extracting(Account::host)
        .containsExactly("pc-zaimu-1", "ad", "file");
    assertThat(accounts)
        .filteredOn(a -> a.name().equals("zaimu1"))
        .extracting(Account::password)
        .containsOnly(PlanDigests.password(PlanFixture.SEED, PlanFixture.RANGE, "zaimu1"));
  }

  @Test
  void aDrawnAccountExistsUnderEveryCandidateAndOnlyTheDrawnOneSaysWhatItIs() {
    String drawn = plan.variables.get("stolenAccount");
    List<Account> onAd =
        accounts.stream()
            .filter(a -> a.host().equals("ad") && !a.comment().startsWith("staff user"))
            .toList();
    assertThat(onAd)
        .extracting(Account::name)
        .containsExactly("adm-tanaka", "adm-suzuki", "svc-backup", "adm-watanabe");
    assertThat(onAd)
        .filteredOn(a -> a.name().equals(drawn))
        .singleElement()
        .satisfies(a -> assertThat(a.comment()).contains("domain administrator"));
    assertThat(onAd)
        .filteredOn(a -> !a.name().equals(drawn))
        .allSatisfy(a -> assertThat(a.comment()).endsWith("that was not drawn"));
  }

  @Test
  void passwordsDependOnTheRangeAndSeed() {
    String here = PlanDigests.password(7, "ex1-t1", "zaimu1");
    assertThat(here).matches("Pw-[0-9a-f]{10}x!");
    assertThat(PlanDigests.password(7, "ex1-t2", "zaimu1")).isNotEqualTo(here);
    assertThat(PlanDigests.password(8, "ex1-t1", "zaimu1")).isNotEqualTo(here);
  }
}

package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerPlannerTest {
  private final PlanFixture plan = new PlanFixture();
  private final List<PlannedHost> checkers =
      new CheckerPlanner(
              plan.loaded.scenario(),
              plan.loaded.template(),
              plan.routes,
              PlanFixture.RANGE,
              plan.at)
          .checkers(plan.hosts);

  @Test
  void aCheckerTakesTheHighestAddressNoRouterUses() {
    PlannedHost biz =
        checkers.stream().filter(c -> c.id().equals("checker-biz")).findFirst().orElseThrow();
    // .254 to .251 are the four firewalls' legs in the business network
    assertThat(biz.address()).isEqualTo("10.65.10.250");
    assertThat(biz.fqdn()).isEqualTo("checker-biz.invalid");
    assertThat(biz.settings()).isEmpty();
    assertThat(biz.watched()).isFalse();
  }

  @Test
  void aCheckerIsRoutedAsAHostOfItsSegment() {
    PlannedHost biz =
        checkers.stream().filter(c -> c.id().equals("checker-biz")).findFirst().orElseThrow();
    assertThat(biz.routes()).isEqualTo(plan.host("ad").routes());
  }
}

package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The behaviour every {@link RangeProvider} must have, whatever it runs on, proven on two teams'
 * ranges of {@code cyder-mini}: provisioning, resources found again by their labels (what
 * reconciliation adopts or removes), errors for hosts that do not exist, console, named snapshots,
 * refusing a range that exists, idempotent destroy. A provider's test extends this class (or {@link
 * EngineRangeProviderContract}, for a provider with real hosts) and says how to make the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class RangeProviderContract {
  protected RangeProvider provider;
  protected RangePlan teamA;
  protected RangePlan teamB;

  /** The provider under test, connected and ready to provision. */
  protected abstract RangeProvider createProvider();

  /** A second instance of the provider, as a restarted orchestrator would make it. */
  protected abstract RangeProvider createAnotherProvider();

  /** The exercise id, unique per run so that leftovers of another run never interfere. */
  protected String exerciseId() {
    return "ct" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
  }

  @BeforeAll
  void provisionTwoTeams() {
    provider = createProvider();
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/mini-c2.yaml"));
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    String exercise = exerciseId();
    AddressPool pool = new AddressPool(dev.enshu.template.Cidr.parse("10.96.0.0/12"));
    teamA = compiler.compile(exercise, 1, 7, pool.block((int) (System.nanoTime() % 8) * 2, 16));
    teamB = compiler.compile(exercise, 2, 7, pool.block((int) (System.nanoTime() % 8) * 2 + 1, 16));
    provider.provision(teamA);
    provider.provision(teamB);
  }

  /** Releases what the test's providers hold, after the ranges are gone. */
  protected void release() {}

  @AfterAll
  void destroyBoth() {
    try {
      if (provider != null) {
        if (teamA != null) {
          provider.destroy(teamA.rangeId());
        }
        if (teamB != null) {
          provider.destroy(teamB.rangeId());
        }
      }
    } finally {
      release();
    }
  }

  protected ExecResult sh(RangePlan plan, String host, String script) {
    return provider.exec(
        new HostRef(plan.rangeId(), host), List.of("sh", "-c", script), Duration.ofSeconds(20));
  }

  @Test
  @Order(1)
  void everyHostOfBothRangesIsListedWithItsLabels() {
    List<RangeProvider.ProviderResource> resources = provider.list();
    for (RangePlan plan : List.of(teamA, teamB)) {
      assertThat(resources)
          .filteredOn(r -> plan.rangeId().equals(r.rangeId()))
          .filteredOn(r -> r.labels().containsKey(RangeLabels.HOST))
          .extracting(r -> r.labels().get(RangeLabels.HOST))
          .containsExactlyInAnyOrderElementsOf(plan.hosts().stream().map(PlannedHost::id).toList());
    }
  }

  @Test
  @Order(1)
  void everyHostNamesItsRangeAndItsLabelsNameTheExerciseAndTeam() {
    // reconciliation finds a range's exercise and team again from these alone
    for (RangePlan plan : List.of(teamA, teamB)) {
      assertThat(provider.list())
          .filteredOn(r -> plan.rangeId().equals(r.rangeId()))
          .filteredOn(r -> r.labels().containsKey(RangeLabels.HOST))
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.labels())
                    .as("labels of %s", r.id())
                    .containsEntry(RangeLabels.MANAGED, "true")
                    .containsEntry(RangeLabels.EXERCISE, plan.exerciseId())
                    .containsEntry(RangeLabels.TEAM, Integer.toString(plan.team()))
                    .containsEntry(RangeLabels.RANGE, plan.rangeId());
                assertThat(r.rangeId()).isEqualTo(plan.exerciseId() + "-t" + plan.team());
              });
    }
  }

  @Test
  @Order(2)
  void commandsForAHostThatDoesNotExistFailAsNotFound() {
    HostRef missing = new HostRef(teamA.rangeId(), "nohost");
    assertThatThrownBy(() -> provider.exec(missing, List.of("true"), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(Status.NOT_FOUND))
        .hasMessageContaining("nohost");
    HostRef otherRange = new HostRef(teamA.rangeId() + "x", "pc");
    assertThatThrownBy(() -> provider.exec(otherRange, List.of("true"), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(Status.NOT_FOUND));
  }

  @Test
  @Order(7)
  void consoleIsATerminalOnTheHost() {
    ConsoleEndpoint console = provider.console(new HostRef(teamA.rangeId(), "pc"));
    assertThat(console).isInstanceOf(ConsoleEndpoint.Terminal.class);
    assertThat(console.provider()).isEqualTo(provider.id());
    assertThat(console.target()).isNotBlank();
  }

  @Test
  @Order(8)
  void revertGoesBackToATakenSnapshotAndRefusesOneNeverTaken() {
    HostRef web = new HostRef(teamA.rangeId(), "web");
    provider.snapshot(web, "named");
    provider.revert(web, "named");
    assertThatThrownBy(() -> provider.revert(web, "no-such-snapshot"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("no snapshot");
  }

  @Test
  @Order(9)
  void aRestartedProviderFindsTheRangesByTheirLabels() {
    RangeProvider restarted = createAnotherProvider();
    assertThat(restarted.list()).filteredOn(r -> teamB.rangeId().equals(r.rangeId())).isNotEmpty();
  }

  @Test
  @Order(10)
  void provisioningARangeThatExistsFails() {
    assertThatThrownBy(() -> provider.provision(teamB))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  @Order(11)
  void destroyIsIdempotentAndLeavesNothing() {
    provider.destroy(teamB.rangeId());
    provider.destroy(teamB.rangeId());
    assertThat(provider.list()).filteredOn(r -> teamB.rangeId().equals(r.rangeId())).isEmpty();
    assertThatThrownBy(
            () ->
                provider.exec(
                    new HostRef(teamB.rangeId(), "pc"), List.of("true"), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(Status.NOT_FOUND));
    // the other team's range is untouched
    assertThat(sh(teamA, "pc", "true").exitCode()).isZero();
  }
}

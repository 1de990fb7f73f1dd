package dev.enshu.orchestrator.exercise;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the online self-paced mode, under {@code enshu.online}.
 *
 * @param idleTimeout a run without requests or console input for this long is torn down
 * @param sweepInterval how often idle runs are looked for
 * @param maxRunsPerUser runs one user may have at once (more is CONFLICT)
 * @param maxRunsPerUserPerDay runs one user may start in any 24 hours, ended ones included (more is
 *     TOO_MANY_REQUESTS)
 * @param maxRuns runs the server keeps at once for everyone (more is TOO_MANY_REQUESTS)
 * @param maxRunsPerScenario runs of one scenario (one course) the server keeps at once for everyone
 *     (more is TOO_MANY_REQUESTS)
 * @param provider the provider online ranges run on
 * @param scenarios scenario files offered besides the bundled catalogue
 */
@ConfigurationProperties("enshu.online")
public record OnlineProperties(
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("30s") Duration sweepInterval,
    @DefaultValue("1") int maxRunsPerUser,
    @DefaultValue("5") int maxRunsPerUserPerDay,
    @DefaultValue("10") int maxRuns,
    @DefaultValue("10") int maxRunsPerScenario,
    @DefaultValue("docker") String provider,
    List<String> scenarios) {

  public OnlineProperties {
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
  }
}

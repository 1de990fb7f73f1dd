package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Containers standing in for range hosts: named as the Docker provider names a host's container, so
 * its console endpoint reaches them, on no network at all, labelled {@code enshu.test=console} and
 * removed by {@link #close()}.
 */
final class ConsoleContainers implements AutoCloseable {
  static final String LABEL = "enshu.test";

  private final DockerEngine engine = DockerEngine.connectDefault();
  private final DockerRangeProvider provider = new DockerRangeProvider(engine, Clock.systemUTC());
  private final List<String> created = new ArrayList<>();

  ConsoleContainers() {
    RangeProvider.Availability engineState = engine.availability();
    assertThat(engineState.available()).as(engineState.detail()).isTrue();
    if (!provider.images().missing().isEmpty()) {
      provider.images().buildAll();
    }
    RangeProvider.Availability availability = provider.probe();
    assertThat(availability.available()).as(availability.detail()).isTrue();
  }

  /** Starts a host container for {@code target} and returns its name. */
  String start(ConsoleTarget target) {
    DockerClient client = engine.client();
    String name = provider.console(new HostRef(target.rangeId(), target.hostId())).target();
    try {
      client.removeContainerCmd(name).withForce(true).exec();
    } catch (RuntimeException e) {
      // not there: fine
    }
    String id =
        client
            .createContainerCmd(DockerImages.imageOf("common"))
            .withName(name)
            .withHostName(target.hostId())
            .withEntrypoint("/usr/bin/tini", "-g", "--", "sleep", "infinity")
            .withLabels(Map.of(LABEL, "console"))
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
            .exec()
            .getId();
    created.add(id);
    client.startContainerCmd(id).exec();
    return name;
  }

  /** Runs a shell command in a host's container, as the provider does. */
  RangeProvider.ExecResult sh(ConsoleTarget target, String script) {
    return provider.exec(target.hostRef(), List.of("sh", "-c", script), Duration.ofSeconds(10));
  }

  DockerEngine engine() {
    return engine;
  }

  @Override
  public void close() {
    for (String id : created) {
      try {
        engine.client().removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    engine.close();
  }
}

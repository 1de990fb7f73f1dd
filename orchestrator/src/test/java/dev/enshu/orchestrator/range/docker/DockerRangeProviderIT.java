package dev.enshu.orchestrator.range.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.enshu.orchestrator.range.EngineRangeProviderContract;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.template.Cidr;
import dev.enshu.template.Ipv4;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The provider contract against the real Docker engine, and what is particular to Docker. */
class DockerRangeProviderIT extends EngineRangeProviderContract {
  private final List<DockerEngine> engines = new ArrayList<>();

  @Override
  protected RangeProvider createProvider() {
    DockerRangeProvider provider = new DockerRangeProvider(engine(), Clock.systemUTC());
    // the test command starts from a fresh machine: build what is missing (cached otherwise)
    provider.images().buildAll();
    RangeProvider.Availability availability = provider.probe();
    assertThat(availability.available()).as(availability.detail()).isTrue();
    return provider;
  }

  @Override
  protected RangeProvider createAnotherProvider() {
    return new DockerRangeProvider(engine(), Clock.systemUTC());
  }

  /** Each internal network's bridge has the segment's first address on the host machine. */
  @Override
  protected List<String> hostMachineAddresses(RangePlan plan) {
    return plan.segments().stream()
        .map(s -> Ipv4.format(Cidr.parse(s.cidr()).first() + 1))
        .toList();
  }

  @Override
  protected void release() {
    engines.forEach(DockerEngine::close);
  }

  private DockerEngine engine() {
    DockerEngine engine = DockerEngine.connectDefault();
    engines.add(engine);
    return engine;
  }

  /**
   * An "outside" web server on an ordinary Docker network, which the host machine reaches: no host
   * of the range reaches it, by address, whatever route it tries.
   */
  @Test
  @Order(6)
  void rangeHostsCannotReachAServerOutsideTheRange() throws Exception {
    DockerClient client = engines.get(0).client();
    String network = null;
    String container = null;
    try {
      network =
          client
              .createNetworkCmd()
              .withName("enshu-test-outside-" + teamA.rangeId())
              .withDriver("bridge")
              .withLabels(Map.of("enshu.test", "outside"))
              .exec()
              .getId();
      container =
          client
              .createContainerCmd(DockerImages.imageOf("c2"))
              .withName("enshu-test-outside-web-" + teamA.rangeId())
              .withLabels(Map.of("enshu.test", "outside"))
              .withHostConfig(
                  com.github.dockerjava.api.model.HostConfig.newHostConfig()
                      .withNetworkMode(network))
              .exec()
              .getId();
      client.startContainerCmd(container).exec();
      String address =
          client
              .inspectContainerCmd(container)
              .exec()
              .getNetworkSettings()
              .getNetworks()
              .values()
              .iterator()
              .next()
              .getIpAddress();
      // the outside server answers the host machine
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      int status = 0;
      for (int i = 0; i < 50 && status == 0; i++) {
        try {
          status =
              http.send(
                      HttpRequest.newBuilder(URI.create("http://" + address + "/__enshu_ready"))
                          .timeout(Duration.ofSeconds(2))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (java.io.IOException e) {
          Thread.sleep(200);
        }
      }
      assertThat(status).as("the outside server answers the host machine").isEqualTo(200);
      for (String host : List.of("pc", "proxy", "fw", "attacker", "c2")) {
        ExecResult probe =
            sh(
                teamA,
                host,
                "curl -s -o /dev/null --max-time 3 http://" + address + "/__enshu_ready");
        assertThat(probe.exitCode())
            .as("%s of the range reaching the outside server at %s", host, address)
            .isNotZero();
      }
    } finally {
      if (container != null) {
        client.removeContainerCmd(container).withForce(true).exec();
      }
      if (network != null) {
        client.removeNetworkCmd(network).exec();
      }
    }
  }
}

package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import dev.enshu.orchestrator.range.HostEnvironment;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts of a plan started one by one from their role images, hardened as provisioned hosts are,
 * with the provider's names and labels (so the provider reaches them, and destroying the range
 * removes them) but on no network: for tests about one host, where the whole range and every image
 * it needs are not the point.
 */
public final class LoneHosts {
  private LoneHosts() {}

  /** Starts {@code hostId} of {@code plan}; its network is the loopback interface only. */
  public static void start(DockerEngine engine, RangePlan plan, String hostId) {
    PlannedHost host = plan.requireHost(hostId);
    DockerClient client = engine.client();
    Map<String, String> labels = new LinkedHashMap<>(RangeLabels.of(plan, host));
    List<String> env =
        HostEnvironment.of(plan, host).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .toList();
    String id =
        client
            .createContainerCmd(DockerImages.imageOf(host.role().id()))
            .withName(DockerNames.container(plan.rangeId(), host.id()))
            .withHostName(host.id())
            .withLabels(labels)
            .withEnv(env)
            .withHostConfig(
                DockerHardening.hostConfig(host, "none", DockerHardening.Disk.UNBOUNDED, true))
            .exec()
            .getId();
    client.startContainerCmd(id).exec();
  }
}

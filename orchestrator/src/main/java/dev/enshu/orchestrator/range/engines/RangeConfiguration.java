package dev.enshu.orchestrator.range.engines;

import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.orchestrator.range.libvirt.HostPool;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import dev.enshu.orchestrator.range.libvirt.LibvirtSettings;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The providers the server uses: the Docker engine's by default; libvirt VMs when {@code
 * enshu.libvirt.enabled=true} (hosts from {@code enshu.libvirt.uris}).
 */
@Configuration(proxyBeanMethods = false)
class RangeConfiguration {

  @Bean(destroyMethod = "close")
  DockerEngine dockerEngine(
      @Value("${enshu.docker.host:" + DockerEngine.DEFAULT_HOST + "}") String host) {
    return DockerEngine.connect(host);
  }

  @Bean
  DockerRangeProvider dockerRangeProvider(
      DockerEngine engine,
      Clock clock,
      @Value("${enshu.docker.allow-unbounded-disk:false}") boolean allowUnboundedDisk) {
    DockerRangeProvider provider = new DockerRangeProvider(engine, clock);
    return allowUnboundedDisk ? provider.allowingUnboundedDisk() : provider;
  }

  /** In-memory ranges, for tests and benchmarks only: off unless configured. */
  @Bean
  @ConditionalOnProperty(name = "enshu.providers.memory", havingValue = "true")
  InMemoryRangeProvider inMemoryRangeProvider() {
    return new InMemoryRangeProvider();
  }

  /** The libvirt host pool owns one connection per hypervisor host and closes them on shutdown. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "enshu.libvirt.enabled", havingValue = "true")
  HostPool libvirtHostPool(@Value("${enshu.libvirt.uris:qemu:///system}") List<String> uris) {
    return HostPool.of(uris);
  }

  @Bean
  @ConditionalOnProperty(name = "enshu.libvirt.enabled", havingValue = "true")
  LibvirtRangeProvider libvirtRangeProvider(HostPool pool, Clock clock) {
    return new LibvirtRangeProvider(pool, LibvirtSettings.detect(), clock);
  }
}

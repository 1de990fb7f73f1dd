package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The providers the server uses: the Docker engine's by default. */
@Configuration(proxyBeanMethods = false)
class RangeConfiguration {

  @Bean(destroyMethod = "close")
  DockerEngine dockerEngine(
      @Value("${enshu.docker.host:" + DockerEngine.DEFAULT_HOST + "}") String host) {
    return DockerEngine.connect(host);
  }

  @Bean
  DockerRangeProvider dockerRangeProvider(DockerEngine engine, Clock clock) {
    return new DockerRangeProvider(engine, clock);
  }

  /** In-memory ranges, for tests and benchmarks only: off unless configured. */
  @Bean
  @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
      name = "enshu.providers.memory",
      havingValue = "true")
  dev.enshu.orchestrator.range.memory.InMemoryRangeProvider inMemoryRangeProvider() {
    return new dev.enshu.orchestrator.range.memory.InMemoryRangeProvider();
  }
}

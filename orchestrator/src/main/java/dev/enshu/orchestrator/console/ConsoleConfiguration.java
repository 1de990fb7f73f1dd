package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.exercise.OnlineActivity;
import dev.enshu.orchestrator.range.RangeProvider;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The console gateway's beans and its three WebSocket endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ConsoleAuthorizer consoleAuthorizer(
      dev.enshu.orchestrator.access.SecurityAccess access, ConsoleRangePlans plans) {
    return new AccessConsoleAuthorizer(access, plans);
  }

  @Bean
  @ConditionalOnMissingBean
  ConsoleSessionListener consoleSessionListener(dev.enshu.orchestrator.journal.Journal journal) {
    return new JournalConsoleSessionListener(journal);
  }

  @Bean
  RecordingIndex consoleRecordings(ConsoleSessionListener listener) {
    return new RecordingIndex(listener);
  }

  @Bean
  @ConditionalOnMissingBean
  ConsoleEndpoints consoleEndpoints(List<RangeProvider> providers) {
    return new ProviderConsoleEndpoints(providers);
  }

  @Bean
  @ConditionalOnMissingBean
  ConsoleRangePlans consoleRangePlans(
      dev.enshu.orchestrator.exercise.ExerciseStore store,
      dev.enshu.orchestrator.exercise.Plans plans) {
    return new ConsoleRangePlans.Registered(
        target ->
            store
                .find(target.exerciseId())
                .flatMap(
                    exercise ->
                        exercise
                            .team(target.team())
                            .filter(t -> t.addressBlock() != null)
                            .map(t -> plans.plan(exercise, t))));
  }

  /**
   * The one thread that closes idle consoles; injected by name only, so that it never becomes
   * Spring's scheduler. It stops after the sessions have closed.
   */
  @Bean(defaultCandidate = false, destroyMethod = "shutdownNow")
  ScheduledExecutorService consoleIdleSweeper() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "console-idle-sweeper");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean(destroyMethod = "close")
  ConsoleSessions consoleSessions(
      RecordingIndex recordings,
      ConsoleProperties properties,
      Clock clock,
      OnlineActivity online,
      @Qualifier("consoleIdleSweeper") ScheduledExecutorService sweeper) {
    ConsoleSessions sessions = new ConsoleSessions(recordings, properties, clock, sweeper);
    sessions.reportInputTo(online::touch);
    return sessions;
  }

  @Bean
  WebSocketConfigurer consoleSockets(
      ConsoleAuthorizer authorizer,
      ConsoleEndpoints endpoints,
      ConsoleSessions sessions,
      RecordingIndex recordings,
      ConsoleRangePlans plans,
      ConsoleProperties properties,
      Clock clock) {
    return (WebSocketHandlerRegistry registry) -> {
      registry.addHandler(
          new TerminalSocketHandler(authorizer, endpoints, sessions, properties),
          "/api/console/terminal");
      registry.addHandler(
          new VncRelayHandler(authorizer, endpoints, sessions, recordings, properties, clock),
          "/api/console/vnc");
      registry.addHandler(
          new GuacamoleTunnelHandler(
              authorizer,
              new GuacamoleConnections(plans, properties.guacamole()),
              sessions,
              recordings,
              properties,
              clock),
          "/api/console/guacamole");
    };
  }
}

package dev.enshu.orchestrator.timeline.actions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the action library when the server starts, so that a missing script or handler stops the
 * start with its reason instead of failing the first inject of an exercise.
 */
@Configuration(proxyBeanMethods = false)
class ActionLibraryConfiguration {

  @Bean
  ActionHandlers actionHandlers() {
    return ActionHandlers.standard();
  }
}

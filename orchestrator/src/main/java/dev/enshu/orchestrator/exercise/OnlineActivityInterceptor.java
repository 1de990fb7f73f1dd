package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.access.Access;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts every API request on an exercise ({@code /api/exercises/{id}/...}, {@code
 * /api/online/runs/{exercise}}) by one of an online run's members as use of that run. It runs after
 * authentication, once the handler is found, so refused and unknown requests do not count.
 */
@Configuration
@EnableConfigurationProperties(OnlineProperties.class)
class OnlineActivityInterceptor implements HandlerInterceptor, WebMvcConfigurer {
  private final OnlineActivity activity;
  private final Access access;

  OnlineActivityInterceptor(OnlineActivity activity, Access access) {
    this.activity = activity;
    this.access = access;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/exercises/*/**", "/api/online/runs/*");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map) {
      Object exercise = map.get(map.containsKey("exercise") ? "exercise" : "id");
      if (exercise instanceof String id && activity.watches(id)) {
        access.currentIfAny().ifPresent(actor -> activity.touch(id, actor.name()));
      }
    }
    return true;
  }
}

package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.StorageFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written by the security filters, which answer before any controller (and
 * so before {@code ApiErrors}) runs. Same shape as {@code ApiErrors} gives.
 */
final class Problems {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  static void write(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    write(
        response,
        status,
        status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        detail,
        Map.of());
  }

  /**
   * The database cannot store anything, met while authenticating (the users are read from it): 503
   * with the reason, as {@code ApiErrors} answers it anywhere else.
   */
  static void unavailable(HttpServletResponse response, StorageFailure failure) throws IOException {
    response.setHeader("Retry-After", "30");
    write(
        response,
        HttpStatus.SERVICE_UNAVAILABLE,
        "unavailable",
        failure.detail(),
        Map.of("reason", failure.kind().id()));
  }

  private static void write(
      HttpServletResponse response,
      HttpStatus status,
      String name,
      String detail,
      Map<String, Object> more)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "https://enshu.dev/problems/" + name);
    problem.put("title", name.replace('-', ' '));
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.putAll(more);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(problem));
  }

  static void tooMany(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setHeader("Retry-After", String.valueOf(seconds));
    write(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "too many failed logins for this user name or from this address: try again in "
            + seconds
            + " s");
  }
}

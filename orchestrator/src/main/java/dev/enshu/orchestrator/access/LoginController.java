package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.StorageFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Logging in and out, who is logged in, how one may log in, and the CSRF token. */
@RestController
class LoginController {
  /** The longest user name there can be (app_user.name); a longer one is refused unjournalled. */
  static final int MAX_NAME = 128;

  private final AuthenticationManager authentication;
  private final SecurityContextRepository contexts;
  private final CsrfTokenRepository csrfTokens;
  private final LoginThrottle throttle;
  private final Accounts accounts;
  private final Access access;
  private final ObjectProvider<ClientRegistrationRepository> registrations;

  LoginController(
      AuthenticationManager authentication,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      LoginThrottle throttle,
      Accounts accounts,
      Access access,
      ObjectProvider<ClientRegistrationRepository> registrations) {
    this.authentication = authentication;
    this.contexts = contexts;
    this.csrfTokens = csrfTokens;
    this.throttle = throttle;
    this.accounts = accounts;
    this.access = access;
    this.registrations = registrations;
  }

  record Credentials(String username, String password) {}

  /** The user as the console shows it. */
  record Me(String name, String role, String exercise, int team, List<String> venues) {
    static Me of(Actor actor) {
      return new Me(
          actor.name(),
          actor.role().id(),
          actor.exercise(),
          actor.team(),
          actor.venues().stream().sorted().toList());
    }
  }

  @PostMapping("/api/login")
  Me login(
      @RequestBody Credentials credentials,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (credentials == null
        || credentials.username() == null
        || credentials.username().isBlank()
        || credentials.password() == null) {
      throw new EnshuException(
          Status.BAD_REQUEST, "send {\"username\": ..., \"password\": ...} to log in");
    }
    if (credentials.username().length() > MAX_NAME) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "username: "
              + credentials.username().length()
              + " characters sent, at most "
              + MAX_NAME
              + " are taken");
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.blocked(credentials.username(), address);
    if (wait.isPresent()) {
      response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds() + 1)));
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          "too many failed logins for this user name from this address, or for it from"
              + " addresses it has not logged in from: try again in "
              + Math.max(1, wait.get().toSeconds() + 1)
              + " s");
    }
    UsernamePasswordAuthenticationToken token =
        UsernamePasswordAuthenticationToken.unauthenticated(
            credentials.username(), credentials.password());
    token.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
    Authentication authenticated;
    try {
      authenticated = authentication.authenticate(token);
    } catch (AuthenticationException e) {
      if (StorageFailure.of(e).isPresent()
          && e.getCause() instanceof org.springframework.dao.DataAccessException cause) {
        throw cause; // the users could not be read: a 503, not a wrong password
      }
      // counted and journalled by the failure listener, like a wrong HTTP Basic password
      throw new EnshuException(Status.UNAUTHORIZED, "wrong user name or password");
    }
    // a fresh session id on login: a session fixed before login is worth nothing after it
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authenticated);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
    accounts.journal(
        authenticated.getName(),
        "access.login",
        Map.of("name", authenticated.getName(), "method", "password", "address", address));
    return Me.of(access.current());
  }

  @GetMapping("/api/me")
  Me me() {
    return Me.of(access.current());
  }

  /** How one may log in: a password always, and each configured OIDC provider. */
  @GetMapping("/api/login/options")
  Map<String, Object> options() {
    List<Map<String, String>> oidc = new ArrayList<>();
    if (registrations.getIfAvailable() instanceof Iterable<?> all) {
      for (Object each : all) {
        ClientRegistration r = (ClientRegistration) each;
        oidc.add(
            Map.of(
                "id",
                r.getRegistrationId(),
                "name",
                r.getClientName() == null ? r.getRegistrationId() : r.getClientName(),
                "url",
                "/oauth2/authorization/" + r.getRegistrationId()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("password", true);
    out.put("oidc", oidc);
    return out;
  }

  /** The CSRF token (also set as the {@code XSRF-TOKEN} cookie) and the header to send it in. */
  @GetMapping("/api/csrf")
  Map<String, String> csrf(CsrfToken token) {
    return Map.of("token", token.getToken(), "headerName", token.getHeaderName());
  }
}

package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.StorageFailure;
import dev.enshu.orchestrator.StorageFailures;
import dev.enshu.orchestrator.journal.Journal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication and the filter chain. Browsers log in with {@code POST /api/login} (or an OIDC
 * provider when one is configured under {@code spring.security.oauth2.client.registration}) and
 * hold the session cookie; their unsafe requests carry the CSRF token of the {@code XSRF-TOKEN}
 * cookie in the {@code X-XSRF-TOKEN} header. Scripts send HTTP Basic credentials on each request,
 * stateless and without CSRF token. The API answers 401 to anyone not logged in; static pages are
 * public so that the login page loads. Failed logins are throttled as {@link LoginThrottle} says.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {
  static final Set<String> UNSAFE = Set.of("POST", "PUT", "DELETE", "PATCH");

  @Bean
  PasswordEncoder passwordEncoder() {
    return Accounts.passwordEncoder();
  }

  @Bean
  UserStore userStore(JdbcClient jdbc) {
    return new UserStore(jdbc);
  }

  @Bean
  Accounts accounts(UserStore store, PasswordEncoder encoder, Journal journal, Clock clock) {
    return new Accounts(store, encoder, journal, clock);
  }

  @Bean
  SecurityAccess access(Accounts accounts, Memberships memberships) {
    return new SecurityAccess(accounts, memberships);
  }

  /** The journal's API and feed ask access who reads and what they see. */
  @Bean
  AccessJournalReaders journalReaders(SecurityAccess access) {
    return new AccessJournalReaders(access);
  }

  @Bean
  LoginThrottle loginThrottle(
      @Value("${enshu.security.login-failures-per-name:5}") int perName,
      @Value("${enshu.security.login-failures-per-address:30}") int perAddress,
      @Value("${enshu.security.login-failures-per-name-at-busy-address:2}") int perNameAtBusy,
      @Value("${enshu.security.login-failure-window:1m}") Duration window,
      @Value("${enshu.security.login-trust-period:30d}") Duration trustPeriod,
      Clock clock) {
    return new LoginThrottle(perName, perAddress, perNameAtBusy, window, trustPeriod, clock);
  }

  @Bean
  UserDetailsService userDetailsService(UserStore store) {
    return name -> {
      User user =
          store.find(name).orElseThrow(() -> new UsernameNotFoundException("no user " + name));
      return org.springframework.security.core.userdetails.User.withUsername(user.name())
          .password(store.passwordHash(name).orElseThrow())
          .roles(user.role().name())
          .disabled(user.disabled())
          .build();
    };
  }

  @Bean
  AuthenticationManager authenticationManager(
      UserDetailsService users, PasswordEncoder encoder, ApplicationEventPublisher events) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(encoder);
    ProviderManager manager = new ProviderManager(provider);
    manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
    return manager;
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new DelegatingSecurityContextRepository(
        new RequestAttributeSecurityContextRepository(),
        new HttpSessionSecurityContextRepository());
  }

  @Bean
  CookieCsrfTokenRepository csrfTokenRepository(
      @Value("${enshu.security.secure-cookies:false}") boolean secureCookies) {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    repository.setCookiePath("/");
    repository.setCookieCustomizer(
        cookie -> {
          cookie.sameSite("Lax");
          if (secureCookies) {
            cookie.secure(true);
          }
        });
    return repository;
  }

  /**
   * Counts and journals every failed authentication, from the login page or HTTP Basic, and tells
   * the throttle of every successful one (which trusts that address for that name).
   */
  @Bean
  LoginFailures loginFailures(LoginThrottle throttle, Accounts accounts) {
    return new LoginFailures(throttle, accounts);
  }

  record LoginFailures(LoginThrottle throttle, Accounts accounts) {
    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
      if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d) {
        throttle.succeeded(event.getAuthentication().getName(), d.getRemoteAddress());
      }
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
      if (StorageFailure.of(event.getException()).isPresent()) {
        // the database failed, not the password: no guess to count, and nowhere to journal it
        return;
      }
      String name = event.getAuthentication().getName();
      if (name.length() > LoginController.MAX_NAME) {
        // an HTTP Basic header may carry any name: journal a bounded one
        name = name.substring(0, LoginController.MAX_NAME) + "…";
      }
      String address =
          event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
              ? d.getRemoteAddress()
              : "unknown";
      throttle.failed(name, address);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("name", name);
      data.put("address", address);
      data.put("reason", event.getException().getMessage());
      accounts.journal(name, "access.login.failed", data);
    }
  }

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      AuthenticationManager manager,
      SecurityContextRepository contexts,
      CookieCsrfTokenRepository csrfTokens,
      LoginThrottle throttle,
      Accounts accounts,
      StorageFailures storage,
      ObjectProvider<ClientRegistrationRepository> registrations,
      @Value("${enshu.security.oidc.username-claim:preferred_username}") String claim)
      throws Exception {
    org.springframework.security.web.AuthenticationEntryPoint entry =
        (request, response, failed) -> unauthorized(request, response, failed, storage);
    http.authenticationManager(manager)
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/api/login", "/api/login/options", "/api/csrf")
                    .permitAll()
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .httpBasic(b -> b.authenticationEntryPoint(entry))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(entry)
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            Problems.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                denied instanceof CsrfException
                                    ? "missing or wrong CSRF token: send the value of the"
                                        + " XSRF-TOKEN cookie (GET /api/csrf sets it) in the"
                                        + " X-XSRF-TOKEN header"
                                    : "refused: " + denied.getMessage())))
        .csrf(
            c ->
                // the token as is, not masked: the console sends the cookie's value or the one
                // /api/csrf answers, and both must match
                c.csrfTokenRepository(csrfTokens)
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken))
        .logout(
            l ->
                l.logoutUrl("/api/logout")
                    .addLogoutHandler(
                        (request, response, authentication) -> {
                          if (authentication != null) {
                            accounts.journal(
                                authentication.getName(),
                                "access.logout",
                                Map.of("name", authentication.getName()));
                          }
                        })
                    .logoutSuccessHandler(
                        new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT))
                    .deleteCookies("ENSHU_SESSION"))
        .addFilterBefore(new BasicThrottle(throttle), BasicAuthenticationFilter.class)
        .addFilterAfter(new CsrfCookie(), BasicAuthenticationFilter.class);
    ClientRegistrationRepository oidc = registrations.getIfAvailable();
    if (oidc != null) {
      http.oauth2Login(
          o ->
              o.userInfoEndpoint(u -> u.oidcUserService(new OidcAccounts(accounts, claim)))
                  .successHandler(
                      (request, response, authentication) -> {
                        accounts.journal(
                            authentication.getName(),
                            "access.login",
                            Map.of("name", authentication.getName(), "method", "oidc"));
                        response.sendRedirect(request.getContextPath() + "/");
                      })
                  .failureHandler(
                      (request, response, failure) ->
                          response.sendRedirect(
                              request.getContextPath()
                                  + "/?login-error="
                                  + java.net.URLEncoder.encode(
                                      failure.getMessage(), StandardCharsets.UTF_8))));
    }
    return http.build();
  }

  private static void unauthorized(
      HttpServletRequest request,
      HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e,
      StorageFailures storage)
      throws IOException {
    Optional<StorageFailure> failure = storage.recognise(e);
    if (failure.isPresent()) {
      // the users could not be read: the credentials were not even checked
      Problems.unavailable(response, failure.get());
      return;
    }
    Problems.write(
        response,
        HttpStatus.UNAUTHORIZED,
        basicCredentials(request).isPresent()
            ? "wrong user name or password"
            : "log in first: POST /api/login, or send HTTP Basic credentials");
  }

  /**
   * A browser's unsafe request needs the CSRF token when it rides on a session cookie, and a login
   * always does (so no page can log a browser in as someone else). HTTP Basic requests carry their
   * credentials themselves, which a foreign page cannot make a browser send; requests with neither
   * are anonymous and refused anyway.
   */
  static boolean needsCsrfToken(HttpServletRequest request) {
    if (!UNSAFE.contains(request.getMethod()) || basicCredentials(request).isPresent()) {
      return false;
    }
    return request.getRequestedSessionId() != null
        || "/api/login"
            .equals(request.getRequestURI().substring(request.getContextPath().length()));
  }

  /** The user name of an HTTP Basic {@code Authorization} header, if the request has one. */
  static Optional<String> basicCredentials(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.of("");
    }
  }

  /** Refuses HTTP Basic credentials for a name or address past its failure limit: 429. */
  static final class BasicThrottle extends OncePerRequestFilter {
    private final LoginThrottle throttle;

    BasicThrottle(LoginThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Optional<String> name = basicCredentials(request);
      if (name.isPresent()) {
        Optional<Duration> wait = throttle.blocked(name.get(), request.getRemoteAddr());
        if (wait.isPresent()) {
          Problems.tooMany(response, wait.get());
          return;
        }
      }
      chain.doFilter(request, response);
    }
  }

  /** Sets the {@code XSRF-TOKEN} cookie on every response that has none yet, for the browser. */
  static final class CsrfCookie extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}

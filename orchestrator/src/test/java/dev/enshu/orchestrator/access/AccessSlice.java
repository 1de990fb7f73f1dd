package dev.enshu.orchestrator.access;

import static org.mockito.Mockito.when;

import dev.enshu.orchestrator.StorageFailures;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseMemberships;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.OnlineActivity;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What a controller slice ({@code @WebMvcTest} of one controller, with {@code @Import(
 * AccessSlice.Security.class)}) needs to be called as the product's users: the real filter chain
 * and access rules of {@link SecurityConfiguration}, over users and one exercise held by mocks
 * instead of the database. The exercise {@link #EX} has team 1 at venue tokyo and team 2 at osaka.
 * Users send HTTP Basic credentials, as scripts do, or ride on a session as browsers do ({@link
 * #withSession}).
 */
public abstract class AccessSlice {
  public static final String EX = "slice";
  private static final String PASSWORD = "slice-Secret-1";
  private static final String HASH = Accounts.passwordEncoder().encode(PASSWORD);

  /** The security configuration of the product, for a slice to import. */
  @TestConfiguration(proxyBeanMethods = false)
  @Import({SecurityConfiguration.class, ExerciseMemberships.class})
  public static class Security {}

  /** Who calls, relative to team 1 of {@link #EX}. */
  public enum Who {
    INSTRUCTOR,
    ASSISTANT_OF_TEAM,
    ASSISTANT_ELSEWHERE,
    TRAINEE_OF_TEAM,
    TRAINEE_ELSEWHERE,
    OBSERVER,
    ANONYMOUS
  }

  @Autowired protected MockMvc mvc;
  @MockitoBean UserStore users;
  @MockitoBean ExerciseStore exercises;
  @MockitoBean Journal journal;
  @MockitoBean StorageFailures storage;
  @MockitoBean OnlineActivity activity;

  @BeforeEach
  void anExerciseWithATeamAtEachOfTwoVenues() {
    Exercise exercise =
        new Exercise(
            EX,
            "phishing-ransomware",
            7L,
            true,
            Exercise.Mode.SATELLITE,
            "memory",
            1.0,
            State.RUNNING,
            "",
            Instant.EPOCH,
            List.of(new Exercise.Venue("tokyo", "Tokyo"), new Exercise.Venue("osaka", "Osaka")),
            List.of(team(1, "tokyo"), team(2, "osaka")));
    when(exercises.find(EX)).thenReturn(Optional.of(exercise));
    when(exercises.require(EX)).thenReturn(exercise);
  }

  private static Team team(int number, String venue) {
    return new Team(
        number, "Team " + number, venue, List.of(), State.RUNNING, "", "", null, null, 0);
  }

  /** The request as {@code who} with HTTP Basic credentials; nothing for {@link Who#ANONYMOUS}. */
  protected MockHttpServletRequestBuilder as(Who who, MockHttpServletRequestBuilder request) {
    User user = userOf(who);
    return user == null
        ? request
        : request.header("Authorization", TestAccounts.header(user.name(), PASSWORD));
  }

  /**
   * The request as a browser sends it after {@code who} logged in: on a session that holds the
   * login, without Basic credentials, and with the CSRF token only when {@code csrfToken}.
   */
  protected MockHttpServletRequestBuilder withSession(
      Who who, boolean csrfToken, MockHttpServletRequestBuilder request) {
    User user = userOf(who);
    MockHttpSession session = new MockHttpSession(null, "browser-session");
    session.setAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl(
            UsernamePasswordAuthenticationToken.authenticated(
                user.name(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())))));
    request
        .session(session)
        .with(
            r -> {
              r.setRequestedSessionId(session.getId());
              return r;
            });
    if (csrfToken) {
      request.cookie(new Cookie("XSRF-TOKEN", "token-1")).header("X-XSRF-TOKEN", "token-1");
    }
    return request;
  }

  private User userOf(Who who) {
    return switch (who) {
      case INSTRUCTOR -> user("sensei", Actor.Role.INSTRUCTOR, null, 0, null);
      case ASSISTANT_OF_TEAM -> user("tanaka", Actor.Role.ASSISTANT, null, 0, "tokyo");
      case ASSISTANT_ELSEWHERE -> user("suzuki", Actor.Role.ASSISTANT, null, 0, "osaka");
      case TRAINEE_OF_TEAM -> user("sato", Actor.Role.TRAINEE, EX, 1, null);
      case TRAINEE_ELSEWHERE -> user("kimura", Actor.Role.TRAINEE, EX, 2, null);
      case OBSERVER -> user("miru", Actor.Role.OBSERVER, null, 0, null);
      case ANONYMOUS -> null;
    };
  }

  private User user(String name, Actor.Role role, String exercise, int team, String venue) {
    User user =
        new User(
            name,
            role,
            exercise,
            team,
            venue == null ? Set.of() : Set.of(venue),
            Instant.EPOCH,
            false,
            false);
    when(users.find(name)).thenReturn(Optional.of(user));
    when(users.passwordHash(name)).thenReturn(Optional.of(HASH));
    return user;
  }
}

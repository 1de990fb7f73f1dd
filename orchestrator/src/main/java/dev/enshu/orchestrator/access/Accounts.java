package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * User management: creates users with a generated password (returned once, stored only hashed),
 * resets passwords, deletes users, and journals each change as an {@code access.*} event of no
 * exercise ({@link #NO_EXERCISE}). Thread-safe.
 */
public final class Accounts {
  /** The exercise id of journal events that belong to no exercise (logins, user management). */
  public static final String NO_EXERCISE = "-";

  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{0,127}");
  // no look-alike characters: the password is read off a screen and typed
  private static final char[] ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore store;
  private final PasswordEncoder encoder;
  private final Journal journal;
  private final Clock clock;

  public Accounts(UserStore store, PasswordEncoder encoder, Journal journal, Clock clock) {
    this.store = store;
    this.encoder = encoder;
    this.journal = journal;
    this.clock = clock;
  }

  /** The encoder every stored password goes through: bcrypt by default, argon2 understood. */
  public static PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * What a new user is: {@code role} is instructor, assistant, trainee or observer; {@code online}
   * (trainees and instructors only) allows them to start online runs.
   */
  public record Request(
      String name, String role, String exercise, Integer team, Set<String> venues, Boolean online) {

    /** A user not allowed to train online. */
    public Request(String name, String role, String exercise, Integer team, Set<String> venues) {
      this(name, role, exercise, team, venues, null);
    }
  }

  /** A user just created or given a new password, with that password in clear, shown once. */
  public record Issued(User user, String password) {}

  /** Creates a user with a generated password. BAD_REQUEST on an invalid request. */
  public Issued create(Request request, String actor) {
    User user = validate(request);
    String password = generatePassword();
    store.create(user, encoder.encode(password));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", user.name());
    data.put("role", user.role().id());
    data.put("exercise", user.exercise());
    data.put("team", user.team());
    data.put("venues", user.venues().stream().sorted().toList());
    data.put("online", user.online());
    journal(actor, "access.user.created", data);
    return new Issued(user, password);
  }

  /** Gives a user a new generated password. NOT_FOUND when there is no such user. */
  public Issued resetPassword(String name, String actor) {
    User user = require(name);
    String password = generatePassword();
    store.setPasswordHash(name, encoder.encode(password));
    journal(actor, "access.user.password-reset", Map.of("name", name));
    return new Issued(user, password);
  }

  /**
   * Allows or forbids a user to start online runs. NOT_FOUND when there is no such user,
   * BAD_REQUEST when allowing an assistant or observer: online runs are for trainees and
   * instructors.
   */
  public User setOnline(String name, boolean allowed, String actor) {
    User user = require(name);
    if (allowed) {
      requireMayTrainOnline(user.role(), name);
    }
    store.setOnline(name, allowed);
    journal(actor, "access.user.online", Map.of("name", name, "allowed", allowed));
    return require(name);
  }

  private static void requireMayTrainOnline(Actor.Role role, String name) {
    if (role != Actor.Role.TRAINEE && role != Actor.Role.INSTRUCTOR) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "only trainees and instructors train online; "
              + role.id()
              + " '"
              + name
              + "' may not be allowed to");
    }
  }

  /** Deletes a user; refuses to delete the last instructor. */
  public void delete(String name, String actor) {
    User user = require(name);
    if (user.role() == Actor.Role.INSTRUCTOR
        && store.all().stream()
                .filter(u -> u.role() == Actor.Role.INSTRUCTOR && !u.disabled())
                .count()
            <= 1) {
      throw new EnshuException(
          Status.CONFLICT,
          "'" + name + "' is the last instructor: create another instructor before deleting it");
    }
    store.delete(name);
    journal(actor, "access.user.deleted", Map.of("name", name, "role", user.role().id()));
  }

  public User require(String name) {
    return store
        .find(name)
        .orElseThrow(() -> new EnshuException(Status.NOT_FOUND, "no user named '" + name + "'"));
  }

  public java.util.List<User> all() {
    return store.all();
  }

  /** The actor an enabled user is, or empty when the user is unknown or disabled. */
  public Optional<Actor> actor(String name) {
    return name == null
        ? Optional.empty()
        : store.find(name).filter(u -> !u.disabled()).map(User::actor);
  }

  /** Journals a login, a failed login or another access event; never given a password. */
  public void journal(String actor, String type, Map<String, Object> data) {
    journal.append(JournalEvent.of(NO_EXERCISE, null, clock.instant(), type, actor, data));
  }

  private User validate(Request request) {
    if (request == null || request.name() == null || !NAME.matcher(request.name()).matches()) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "a user name is 1 to 128 letters (any script), digits, '.', '_', '@' or '-', starting"
              + " with a letter or digit; got '"
              + (request == null ? null : request.name())
              + "'");
    }
    Actor.Role role = role(request.role());
    String exercise = request.exercise() == null ? "" : request.exercise().trim();
    int team = request.team() == null ? 0 : request.team();
    Set<String> venues = request.venues() == null ? Set.of() : request.venues();
    if (role == Actor.Role.TRAINEE) {
      if (exercise.isEmpty() != (team == 0) || team < 0) {
        throw new EnshuException(
            Status.BAD_REQUEST,
            "a trainee is bound to an exercise and a team (team 1 or more) together, or to"
                + " neither (then the teams whose members list holds the name); got exercise '"
                + exercise
                + "', team "
                + team);
      }
    } else if (!exercise.isEmpty() || team != 0) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "only trainees are bound to an exercise and team; "
              + role.id()
              + " '"
              + request.name()
              + "' may not be");
    }
    if (role == Actor.Role.ASSISTANT && venues.isEmpty()) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "assistant '" + request.name() + "' needs the venues they help (venues: [\"osaka\"])");
    }
    if (role != Actor.Role.ASSISTANT && !venues.isEmpty()) {
      throw new EnshuException(
          Status.BAD_REQUEST, "only assistants have venues; " + role.id() + " may not");
    }
    boolean online = Boolean.TRUE.equals(request.online());
    if (online) {
      requireMayTrainOnline(role, request.name());
    }
    return new User(request.name(), role, exercise, team, venues, clock.instant(), false, online);
  }

  static Actor.Role role(String role) {
    try {
      return Actor.Role.valueOf(String.valueOf(role).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "role must be instructor, assistant, trainee or observer; got '" + role + "'");
    }
  }

  static String generatePassword() {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}

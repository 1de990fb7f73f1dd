package dev.enshu.orchestrator.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** Users for tests that call the API: each made once, its HTTP Basic header returned. */
public final class TestAccounts {
  private final Accounts accounts;

  public TestAccounts(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The HTTP Basic {@code Authorization} value of a new (or re-passworded) instructor. */
  public String instructor(String name) {
    return basic(name, "instructor", null, null, null);
  }

  public String trainee(String name, String exercise, Integer team) {
    return basic(name, "trainee", exercise, team, null);
  }

  public String assistant(String name, String venue) {
    return basic(name, "assistant", null, null, Set.of(venue));
  }

  public String observer(String name) {
    return basic(name, "observer", null, null, null);
  }

  /** Allows an existing trainee or instructor to start online runs. */
  public void allowOnline(String name) {
    accounts.setOnline(name, true, "test");
  }

  /**
   * Creates the user, or gives an existing one a new password (recreating it when a database kept
   * from an earlier run binds it otherwise); returns its Basic header.
   */
  public String basic(String name, String role, String exercise, Integer team, Set<String> venues) {
    return header(name, password(name, role, exercise, team, venues));
  }

  /** Like {@link #basic}, but the password itself. */
  public String password(
      String name, String role, String exercise, Integer team, Set<String> venues) {
    Actor wanted =
        new Actor(
            name,
            Accounts.role(role),
            exercise,
            team == null ? 0 : team,
            venues == null ? Set.of() : venues);
    var existing = accounts.actor(name);
    if (existing.isPresent() && existing.get().equals(wanted)) {
      return accounts.resetPassword(name, "test").password();
    }
    if (existing.isPresent()) {
      accounts.delete(name, "test");
    }
    return accounts
        .create(new Accounts.Request(name, role, exercise, team, venues), "test")
        .password();
  }

  public static String header(String name, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

package dev.enshu.orchestrator.access;

import java.io.PrintStream;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * When no instructor exists at start, creates one with a generated password and prints it once on
 * standard output, framed, for the person who started the server. It goes to no log file and is
 * never shown again: a lost password is reset by another instructor or with {@code enshu users
 * password}. {@code enshu.security.first-instructor} names the account; empty turns this off.
 */
@Component
class FirstInstructor implements ApplicationRunner {
  private final UserStore store;
  private final Accounts accounts;
  private final String name;

  FirstInstructor(
      UserStore store,
      Accounts accounts,
      @Value("${enshu.security.first-instructor:instructor}") String name) {
    this.store = store;
    this.accounts = accounts;
    this.name = name;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensure(System.out);
  }

  synchronized void ensure(PrintStream out) {
    if (name.isBlank() || store.hasInstructor()) {
      return;
    }
    String chosen = name;
    for (int i = 2; store.find(chosen).isPresent(); i++) {
      chosen = name + i;
    }
    Accounts.Issued issued =
        accounts.create(new Accounts.Request(chosen, "instructor", null, null, Set.of()), "setup");
    print(out, "First instructor account (shown once, never again)", issued);
  }

  /** Prints an account and its password in a frame that stands out from log lines. */
  static void print(PrintStream out, String title, Accounts.Issued issued) {
    String rule = "=".repeat(72);
    out.println();
    out.println(rule);
    out.println("  " + title + ":");
    out.println("    user:     " + issued.user().name());
    out.println("    password: " + issued.password());
    out.println("  Log in at the web console; create more users there (Users) or with");
    out.println("    enshu users add NAME --role trainee --exercise ID --team N");
    out.println(rule);
    out.println();
    out.flush();
  }
}

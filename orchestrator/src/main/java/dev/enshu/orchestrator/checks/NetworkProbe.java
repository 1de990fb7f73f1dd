package dev.enshu.orchestrator.checks;

import dev.enshu.orchestrator.range.HostEnvironment;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.Substitution;
import dev.enshu.scenario.Check;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes a check's probe from the range's hidden checker host in the probe's segment: the command
 * runs in the checker, which no trainee has a console on or can see, and what it returns is judged
 * here. Nothing runs in the probed host, so replacing its tools changes nothing; only what the host
 * really answers on the network counts. Like {@link Observation}, the report says what was seen,
 * never the value looked for.
 */
public final class NetworkProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private NetworkProbe() {}

  /** Probes {@code host} of {@code plan}; a checker that cannot run the probe is thrown. */
  public static Observation.Outcome probe(
      RangeProvider provider,
      RangePlan plan,
      String host,
      Check.Probe probe,
      Map<String, String> variables) {
    PlannedHost checker =
        plan.checker(probe.from())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "range "
                            + plan.rangeId()
                            + " has no checker host in segment '"
                            + probe.from()
                            + "' (it was provisioned before the check was added)"));
    PlannedHost target = plan.requireHost(host);
    String address = target.addressOn(probe.from()).orElse(target.address());
    HostRef at = new HostRef(plan.rangeId(), checker.id());
    if (probe.tcp() != null) {
      return tcp(provider.exec(at, tcpCommand(address, probe), TIMEOUT), probe);
    }
    if (probe.http() != null) {
      return http(provider.exec(at, httpCommand(target.fqdn(), address, probe), TIMEOUT));
    }
    String account = Substitution.apply(probe.disabled(), variables);
    return directory(provider.exec(at, ldapCommand(plan.domain(), address), TIMEOUT), account);
  }

  static List<String> tcpCommand(String address, Check.Probe probe) {
    String port = Integer.toString(probe.tcp());
    if (probe.banner() == null) {
      return List.of("nc", "-z", "-w", "3", address, port);
    }
    // a polite QUIT, so that a service that waits for a command closes and nc returns at once
    return List.of(
        "bash", "-c", "printf 'QUIT\\r\\n' | nc -w 3 \"$0\" \"$1\" | head -n 1", address, port);
  }

  static Observation.Outcome tcp(ExecResult result, Check.Probe probe) {
    requireFinished(result);
    if (probe.banner() != null) {
      String line = result.stdout().strip();
      boolean passed = line.startsWith(probe.banner());
      return new Observation.Outcome(
          passed,
          line.isEmpty()
              ? "no answer on the port"
              : passed ? "the service answered as expected" : "the service answered otherwise");
    }
    boolean open = result.exitCode() == 0;
    return new Observation.Outcome(
        open != probe.expectsClosed(),
        open ? "the port accepted a connection" : "no connection to the port");
  }

  static List<String> httpCommand(String fqdn, String address, Check.Probe probe) {
    String port = Integer.toString(probe.http());
    String path = probe.path() == null ? "/" : probe.path();
    return List.of(
        "curl",
        "-s",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "--max-time",
        "5",
        "--resolve",
        fqdn + ":" + port + ":" + address,
        "http://" + fqdn + ":" + port + path);
  }

  static Observation.Outcome http(ExecResult result) {
    requireFinished(result);
    String code = result.stdout().strip();
    boolean passed = code.matches("[23]\\d\\d");
    return new Observation.Outcome(
        passed, code.isEmpty() || code.equals("000") ? "no HTTP answer" : "HTTP status " + code);
  }

  /**
   * Lists every user of the directory, naming none in the query: the domain controller's root sees
   * the query on the wire and in its logs, and must not learn which account is looked for.
   */
  static List<String> ldapCommand(String domain, String address) {
    String base =
        Arrays.stream(domain.split("\\.")).map(p -> "DC=" + p).collect(Collectors.joining(","));
    // over TLS (the DC's own certificate, which nothing here can verify): the bind carries the
    // Administrator's password, and the DC refuses simple binds in clear
    return List.of(
        "env",
        "LDAPTLS_REQCERT=never",
        "ldapsearch",
        "-x",
        "-LLL",
        "-o",
        "ldif-wrap=no",
        "-o",
        "nettimeout=5",
        "-H",
        "ldaps://" + address,
        "-D",
        "Administrator@" + domain,
        "-w",
        HostEnvironment.AD_ADMIN_PASSWORD,
        "-b",
        base,
        "(&(objectCategory=person)(objectClass=user))",
        "sAMAccountName",
        "userAccountControl");
  }

  static Observation.Outcome directory(ExecResult result, String account) {
    requireFinished(result);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "the directory did not answer (ldapsearch exit " + result.exitCode() + ")");
    }
    List<String> entries = List.of(result.stdout().split("\\n\\s*\\n"));
    int users = 0;
    Optional<Long> control = Optional.empty();
    for (String entry : entries) {
      String name = attribute(entry, "sAMAccountName");
      if (name == null) {
        continue;
      }
      users++;
      if (name.toLowerCase(Locale.ROOT).equals(account.toLowerCase(Locale.ROOT))) {
        String uac = attribute(entry, "userAccountControl");
        control = Optional.of(uac == null ? 0L : Long.parseLong(uac));
      }
    }
    String listed = "the directory lists " + users + " users";
    if (control.isEmpty()) {
      return new Observation.Outcome(false, listed + "; the account is not among them");
    }
    boolean disabled = (control.get() & 2L) != 0;
    return new Observation.Outcome(
        disabled, listed + "; the account is " + (disabled ? "disabled" : "enabled"));
  }

  private static String attribute(String entry, String name) {
    for (String line : entry.split("\\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static void requireFinished(ExecResult result) {
    if (result.timedOut()) {
      throw new IllegalStateException("the probe did not finish in " + TIMEOUT.toSeconds() + " s");
    }
  }
}

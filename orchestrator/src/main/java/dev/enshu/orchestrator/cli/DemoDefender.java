package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's scripted defender: plays one team as a careful one would, from the evidence in the
 * range. When the SOC reports C&C traffic, it reads the proxy log for the repeated destination and
 * its source, blocks the domain at the proxy, and stops the implant on the terminal that the DHCP
 * leases name; when the file server's audit log shows an administrator logging on from that
 * terminal, it disables the account in Active Directory.
 */
final class DemoDefender {
  private static final Pattern BEACON =
      Pattern.compile("^\\S+\\s+\\d+\\s+(\\S+)\\s+\\S+\\s+\\d+\\s+GET\\s+http://([^/\\s]+)/beacon");

  private final RangeProvider provider;
  private final dev.enshu.orchestrator.scoring.ScoringService scoring;
  private final Journal journal;
  private final RangePlan plan;
  private final PrintWriter out;
  private final Clock clock;
  private final DemoScripts scripts;
  private String victim;
  private boolean contained;
  private boolean accountDisabled;

  DemoDefender(
      RangeProvider provider,
      dev.enshu.orchestrator.scoring.ScoringService scoring,
      Journal journal,
      RangePlan plan,
      PrintWriter out,
      Clock clock,
      DemoScripts scripts) {
    this.provider = provider;
    this.scoring = scoring;
    this.journal = journal;
    this.plan = plan;
    this.out = out;
    this.clock = clock;
    this.scripts = scripts;
  }

  /**
   * One look at the evidence; acts on what is new. Returns true when there is nothing left to do.
   */
  boolean step() {
    List<JournalEvent> events = journal.read(plan.exerciseId(), plan.team(), 0);
    boolean alerted =
        events.stream()
            .anyMatch(
                e -> e.type().equals("message.sent") && "soc-alert".equals(e.data().get("item")));
    if (alerted && !contained) {
      contain();
    }
    boolean lateral =
        events.stream()
            .anyMatch(
                e ->
                    e.type().equals("inject.completed")
                        && "lateral-movement".equals(e.data().get("item")));
    if (contained && lateral && !accountDisabled) {
      disableAbusedAccount();
    }
    return contained && accountDisabled;
  }

  private void contain() {
    ExecResult log = sh("proxy", DemoScripts.BEACONS);
    Matcher beacon = null;
    for (String line : log.stdout().lines().toList()) {
      Matcher m = BEACON.matcher(line);
      if (m.find()) {
        beacon = m;
      }
    }
    if (beacon == null) {
      return;
    }
    String source = beacon.group(1);
    String domain = beacon.group(2).replaceFirst(":\\d+$", "");
    ExecResult block = sh("proxy", DemoScripts.BLOCK_DOMAIN, domain);
    say(
        "blocks "
            + domain
            + " at the proxy ("
            + (block.succeeded() ? "done" : "failed: " + block.stderr().strip())
            + ")");
    ExecResult lease = sh("dhcp", DemoScripts.DHCP_LEASE, source);
    victim =
        plan.hosts().stream()
            .filter(h -> h.address().equals(source))
            .map(PlannedHost::id)
            .findFirst()
            .orElse(null);
    say(
        "DHCP leases name "
            + source
            + " as "
            + victim
            + (lease.stdout().isBlank() ? "" : " (" + lease.stdout().strip() + ")"));
    if (victim != null) {
      ExecResult kill = sh(victim, DemoScripts.STOP_IMPLANT);
      say("stops the implant on " + victim + ": " + kill.stdout().strip().replace('\n', ' '));
      report("infected-host", victim);
    }
    report("c2-domain", domain);
    contained = true;
  }

  private void disableAbusedAccount() {
    if (victim == null) {
      accountDisabled = true;
      return;
    }
    String source = plan.requireHost(victim).address();
    ExecResult audit = sh("file", DemoScripts.SMB_AUDIT, source);
    Matcher user =
        Pattern.compile("smbd_audit.*?:\\s*([A-Za-z0-9_.-]+)\\|" + Pattern.quote(source))
            .matcher(audit.stdout());
    String account = null;
    while (user.find()) {
      account = user.group(1);
    }
    if (account == null) {
      return;
    }
    ExecResult disable = sh("ad", DemoScripts.DISABLE_ACCOUNT, account);
    report("stolen-account", account);
    say(
        "disables account "
            + account
            + " in Active Directory ("
            + (disable.succeeded() ? "done" : disable.stderr().strip())
            + ")");
    accountDisabled = true;
  }

  /** Submits a finding as the team would, and says what the scoring made of it. */
  private void report(String objective, String answer) {
    try {
      var verdict =
          scoring.submit(
              plan.exerciseId(),
              plan.team(),
              new dev.enshu.orchestrator.scoring.ScoringService.Finding(
                  objective, answer, "demo defender"),
              "defender");
      say(
          "reports "
              + objective
              + " = "
              + answer
              + ": "
              + verdict.outcome()
              + " ("
              + verdict.points()
              + " points)");
    } catch (RuntimeException e) {
      say("could not report " + objective + ": " + e.getMessage());
    }
  }

  private void say(String what) {
    out.printf(
        "  %s  team %d defender %s%n",
        clock.instant().toString().substring(11, 19), plan.team(), what);
    out.flush();
  }

  /** Runs a demo script on a range host with its arguments, each passed as it is. */
  private ExecResult sh(String host, String script, String... args) {
    return provider.exec(
        new RangeProvider.HostRef(plan.rangeId(), host),
        scripts.command(script, args),
        Duration.ofSeconds(20));
  }
}

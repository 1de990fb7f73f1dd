package dev.enshu.orchestrator.range.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.checks.NetworkProbe;
import dev.enshu.orchestrator.checks.Observation;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.Substitution;
import dev.enshu.scenario.Check;
import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One whole {@code cyder-standard} range on the real engine, proven with real traffic from inside
 * it: the template's firewall rules hold, and the organisation's services work as staff use them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerServicesIT {
  private DockerEngine engine;
  private DockerRangeProvider provider;
  private RangePlan plan;
  private Scenario scenario;

  @BeforeAll
  void provisionTheStandardRange() {
    engine = DockerEngine.connectDefault();
    provider = new DockerRangeProvider(engine, Clock.systemUTC());
    provider.images().buildAll();
    ScenarioLoader.Loaded loaded = ScenarioLoader.bundled("phishing-ransomware");
    scenario = loaded.scenario();
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    String exercise = "svc" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    plan =
        compiler.compile(
            exercise,
            1,
            11,
            new AddressPool(Cidr.parse("10.112.0.0/12")).block((int) (System.nanoTime() % 16), 16));
    provider.provision(plan);
  }

  @AfterAll
  void destroy() {
    try {
      if (plan != null) {
        provider.destroy(plan.rangeId());
      }
    } finally {
      engine.close();
    }
  }

  private ExecResult sh(String host, String script) {
    return provider.exec(
        new HostRef(plan.rangeId(), host), List.of("bash", "-c", script), Duration.ofSeconds(30));
  }

  /**
   * Runs {@code script} until its output satisfies {@code done}, for at most 40 tries a second
   * apart.
   */
  private ExecResult eventually(String host, String script, Predicate<ExecResult> done)
      throws InterruptedException {
    ExecResult last = null;
    for (int i = 0; i < 40; i++) {
      last = sh(host, script);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(1000);
    }
    return last;
  }

  private String address(String host) {
    return plan.requireHost(host).address();
  }

  @Test
  void aTerminalReachesTheWebOnlyThroughTheProxy() {
    String url = "http://web.corp.example.jp/";
    ExecResult proxied =
        sh(
            "pc-soumu-1",
            "curl -s -o /dev/null -w '%{http_code}' --max-time 10 -x http://proxy.corp.example.jp:3128 "
                + url);
    assertThat(proxied.stdout()).as(proxied.stderr()).isEqualTo("200");
    ExecResult direct = sh("pc-soumu-1", "curl -s -o /dev/null --max-time 5 --noproxy '*' " + url);
    assertThat(direct.exitCode()).as("a direct request from a terminal to the DMZ").isNotZero();
    ExecResult internet =
        sh(
            "pc-zaimu-1",
            "curl -s -o /dev/null --max-time 5 --noproxy '*' http://" + address("c2") + "/");
    assertThat(internet.exitCode())
        .as("a direct request from a terminal to the internet")
        .isNotZero();
  }

  @Test
  void theFirewallLogsWhatItBlocksAndTheSocReceivesIt() throws InterruptedException {
    sh(
        "pc-zaimu-2",
        "curl -s -o /dev/null --max-time 3 --noproxy '*' http://"
            + address("c2")
            + ":8081/blocked-probe");
    ExecResult local =
        eventually(
            "fw-internal",
            "grep -h 'enshu-fw-drop' /var/log/ulog/fw-drop.log | grep -F 'DST="
                + address("c2")
                + "'",
            r -> r.exitCode() == 0);
    assertThat(local.exitCode()).as("the drop is in fw-internal's log").isZero();
    ExecResult soc =
        eventually(
            "soc",
            "grep -rh 'enshu-fw-drop' /var/log/enshu/ | grep -F 'DST=" + address("c2") + "'",
            r -> r.exitCode() == 0);
    assertThat(soc.exitCode()).as("the drop reached the SOC collector").isZero();
  }

  @Test
  void theDmzCannotOpenConnectionsIntoTheBusinessNetwork() {
    for (String target : List.of("file", "ad", "mail-int", "proxy")) {
      ExecResult probe =
          sh(
              "web",
              "nc -z -w 2 "
                  + address(target)
                  + " "
                  + (target.equals("proxy") ? 3128 : target.equals("mail-int") ? 25 : 445));
      assertThat(probe.exitCode()).as("web in the DMZ connecting to %s", target).isNotZero();
    }
    // the same ports answer from inside the business network
    assertThat(sh("pc-soumu-1", "nc -z -w 3 " + address("file") + " 445").exitCode()).isZero();
  }

  @Test
  void everyWatchedHostReachesTheSocsLogPort() {
    for (String host : plan.soc().watched()) {
      ExecResult probe = sh(host, "nc -z -w 3 " + plan.soc().address() + " 514");
      assertThat(probe.exitCode()).as("%s reaching the SOC collector", host).isZero();
    }
  }

  @Test
  void namesResolveInsideTheRangeAndTheC2DomainOnTheSimulatedInternet() {
    assertThat(sh("pc-soumu-1", "getent hosts web.corp.example.jp").stdout())
        .startsWith(address("web") + " ");
    String c2Domain = plan.variables().get("c2Domain");
    ExecResult c2 = sh("proxy", "dig +short " + c2Domain);
    assertThat(c2.stdout().strip())
        .as("the org DNS forwards to the public DNS")
        .isEqualTo(address("c2"));
    // every candidate C2 domain resolves, to the same host; no reverse lookup names one
    ExecResult candidates =
        sh(
            "proxy",
            "for d in update-check.example.net cdn-sync.example.com telemetry-jp.example.org"
                + " static-cache.example.net docs-preview.example.com cloud-sso.example.org;"
                + " do dig +short $d; done");
    assertThat(candidates.stdout().lines().toList())
        .hasSize(6)
        .allSatisfy(line -> assertThat(line).isEqualTo(address("c2")));
    // asked where the organisation's DNS asks (the DMZ's server may reach the public one)
    ExecResult reverse = sh("dns", "dig +short -x " + address("c2") + " @" + address("public-dns"));
    assertThat(reverse.exitCode()).as(reverse.stdout()).isZero();
    assertThat(reverse.stdout().strip()).as("PTR of the C2 at the public DNS").isEmpty();
    assertThat(sh("dns", "dig +short " + c2Domain + " @" + address("public-dns")).stdout().strip())
        .isEqualTo(address("c2"));
    ExecResult orgReverse = sh("proxy", "dig +short -x " + address("c2"));
    assertThat(orgReverse.stdout()).doesNotContain(c2Domain).doesNotContain("c2.");
  }

  @Test
  void departmentTerminalsGetTheirReservedAddressesByDhcp() {
    for (PlannedHost terminal :
        plan.hosts().stream().filter(h -> h.interfaces().get(0).dhcp()).toList()) {
      ExecResult address =
          sh(
              terminal.id(),
              "ip -4 -o addr show; pgrep -x dhclient >/dev/null && echo dhclient-running");
      assertThat(address.stdout()).contains(terminal.address() + "/").contains("dhclient-running");
    }
    ExecResult leases = sh("dhcp", "cat /var/log/dhcp/dhcpd.log");
    assertThat(leases.stdout())
        .contains("DHCPACK")
        .contains(plan.requireHost("pc-zaimu-1").interfaces().get(0).mac());
  }

  @Test
  void staffSendMailAndInternetMailArrivesSanitised() throws InterruptedException {
    String victimUser = plan.variables().get("victim.user");
    ExecResult internal =
        sh(
            "pc-soumu-1",
            "swaks --server mail-int.corp.example.jp --from soumu1@corp.example.jp --to "
                + victimUser
                + "@corp.example.jp --header 'Subject: kaigi' --body 'see you at 3' 2>&1");
    assertThat(internal.exitCode()).as(internal.stdout()).isZero();
    ExecResult delivered =
        eventually(
            "mail-int",
            "grep -l 'kaigi' /home/" + victimUser + "/Maildir/new/* 2>/dev/null",
            r -> r.exitCode() == 0);
    assertThat(delivered.exitCode()).as("internal mail in the mailbox").isZero();

    ExecResult inbound =
        sh(
            "attacker",
            "printf 'PK-not-really-a-zip' > /tmp/invoice.zip; swaks --server "
                + address("mail")
                + " --from seikyu@billing-center.example.com --to "
                + victimUser
                + "@corp.example.jp --header 'Subject: seikyu' --attach @/tmp/invoice.zip 2>&1");
    assertThat(inbound.exitCode()).as(inbound.stdout()).isZero();
    ExecResult sanitised =
        eventually(
            "mail-int",
            "grep -l 'seikyu' /home/"
                + victimUser
                + "/Maildir/new/* 2>/dev/null | xargs -r grep -l 'X-Enshu-Sanitiser'",
            r -> !r.stdout().isBlank());
    assertThat(sanitised.stdout())
        .as("internet mail reaches the mailbox through the sanitiser")
        .isNotBlank();
    // the attachment travels base64-encoded: its encoded body is gone and the sanitiser says so
    String encoded =
        java.util.Base64.getEncoder()
            .encodeToString(
                "PK-not-really-a-zip".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    ExecResult mailbox = sh("mail-int", "cat /home/" + victimUser + "/Maildir/new/*");
    assertThat(mailbox.stdout())
        .as(mailbox.stderr())
        .contains("X-Enshu-Sanitiser: sanitiser; removed=1")
        .doesNotContain(encoded);
    assertThat(
            sh("sanitiser", "grep -h 'invoice.zip' /var/log/mail.log /var/log/syslog 2>/dev/null")
                .stdout())
        .as("the sanitiser logs the file it removed")
        .isNotBlank();
    assertThat(
            sh("sanitiser", "grep -l '" + encoded + "' /var/spool/sanitiser/quarantine/*")
                .exitCode())
        .as("the original is kept in quarantine")
        .isZero();
  }

  @Test
  void staffUseTheirDepartmentShare() {
    String user = plan.requireHost("pc-soumu-1").settings().get("user");
    String password = plan.accountsOn("pc-soumu-1").get(0).password();
    ExecResult list =
        sh(
            "pc-soumu-1",
            "smbclient //file.corp.example.jp/soumu -U '" + user + "%" + password + "' -c ls");
    assertThat(list.exitCode()).as(list.stdout() + list.stderr()).isZero();
    assertThat(list.stdout()).contains("blocks available");
    ExecResult put =
        sh(
            "pc-soumu-1",
            "cd /tmp && echo memo > memo.txt && smbclient //file.corp.example.jp/soumu -U '"
                + user
                + "%"
                + password
                + "' -c 'put memo.txt'");
    assertThat(put.exitCode()).as(put.stderr()).isZero();
    assertThat(sh("file", "cat /srv/shares/soumu/memo.txt").stdout()).isEqualTo("memo\n");
  }

  @Test
  void aBeaconThroughTheProxyIsSeenByTheProxyTheC2AndTheSoc() throws InterruptedException {
    String c2Domain = plan.variables().get("c2Domain");
    String victim = plan.variables().get("victim");
    ExecResult beacon =
        sh(
            victim,
            "curl -s --max-time 10 -x http://proxy.corp.example.jp:3128 -A 'EnshuTestAgent/1.0' 'http://"
                + c2Domain
                + "/beacon?id=it-test'");
    assertThat(beacon.exitCode()).as(beacon.stderr()).isZero();
    assertThat(sh("proxy", "grep -F '" + c2Domain + "/beacon' /var/log/squid/access.log").stdout())
        .contains(plan.variables().get("victim.address"));
    assertThat(sh("c2", "grep -F 'EnshuTestAgent/1.0' /var/log/c2/beacons.log").exitCode())
        .isZero();
    ExecResult soc =
        eventually(
            "soc", "grep -rhF '" + c2Domain + "/beacon' /var/log/enshu/", r -> r.exitCode() == 0);
    assertThat(soc.exitCode()).as("the proxy's log line reached the SOC").isZero();
  }

  @Test
  void theDomainControllerKnowsTheStaffAndTheScenariosAccounts() {
    ExecResult users = sh("ad", "samba-tool user list");
    assertThat(users.stdout()).contains("soumu1", "zaimu2", plan.variables().get("stolenAccount"));
  }

  /** The scenario's probe check {@code id}, made now from its hidden checker host. */
  private Observation.Outcome probe(String id) {
    Check check = scenario.checks().stream().filter(c -> c.id().equals(id)).findFirst().get();
    Map<String, String> v = plan.variables();
    return NetworkProbe.probe(
        provider, plan, Substitution.apply(check.host(), v), check.probe(), v);
  }

  /** Probes {@code id} until it {@code passes} (or not), for at most 40 tries a second apart. */
  private Observation.Outcome probeUntil(String id, boolean passes) throws InterruptedException {
    Observation.Outcome last = null;
    for (int i = 0; i < 40; i++) {
      last = probe(id);
      if (last.passed() == passes) {
        return last;
      }
      Thread.sleep(1000);
    }
    return last;
  }

  @Test
  void hiddenCheckersSeeWhatTheHostsReallyServeAndTheDirectoryReallyHolds() throws Exception {
    for (String id : List.of("web-up", "mail-up", "shares-up")) {
      Observation.Outcome outcome = probeUntil(id, true);
      assertThat(outcome.passed()).as(id + ": " + outcome.detail()).isTrue();
    }
    // the abused account is enabled until the team disables it; the query names no account
    String account = plan.variables().get("stolenAccount");
    Observation.Outcome enabled = probe("account-disabled");
    assertThat(enabled.passed()).as(enabled.detail()).isFalse();
    assertThat(enabled.detail()).endsWith("the account is enabled").doesNotContain(account);
    assertThat(sh("ad", "samba-tool user disable " + account).exitCode()).isZero();
    try {
      assertThat(probe("account-disabled").passed()).isTrue();
    } finally {
      sh("ad", "samba-tool user enable " + account);
    }
    // root on the web server stops nginx and fakes the tools a check inside would call
    ExecResult faked =
        sh(
            "web",
            "nginx -s stop; for t in curl wget nc; do printf '#!/bin/sh\\nexit 0\\n'"
                + " > /usr/local/bin/$t; chmod +x /usr/local/bin/$t; done; curl -f http://x/;"
                + " echo fooled=$?");
    assertThat(faked.stdout()).contains("fooled=0");
    try {
      Observation.Outcome down = probeUntil("web-up", false);
      assertThat(down.passed())
          .as("the checker sees the web site down: " + down.detail())
          .isFalse();
    } finally {
      sh("web", "rm -f /usr/local/bin/curl /usr/local/bin/wget /usr/local/bin/nc; nginx");
    }
    assertThat(probeUntil("web-up", true).passed()).isTrue();
  }

  @Test
  void noHostOfTheRangeReachesACheckerOrSeesItsProbes() {
    // the perimeter firewall stands in both checkers' segments and may ping (it has NET_RAW)
    assertThat(sh("fw-edge", "ping -c 1 -W 2 " + address("ad")).exitCode())
        .as("the firewall pings a neighbour")
        .isZero();
    for (PlannedHost checker : plan.checkers()) {
      String at = checker.address();
      assertThat(sh("fw-edge", "ping -c 2 -W 2 " + at).exitCode())
          .as("%s answers no ping", checker.id())
          .isNotZero();
      ExecResult scan = sh("fw-edge", "nc -z -v -w 1 " + at + " 1-1024 2>&1; echo rc=$?");
      assertThat(scan.stdout())
          .as("%s listens on no port", checker.id())
          .doesNotContain("succeeded");
    }
    // the probes run in the checkers: no process of a host they probe carries them
    assertThat(sh("ad", "ps -eo args").stdout()).doesNotContain("ldapsearch");
    assertThat(provider.processes(new HostRef(plan.rangeId(), "checker-biz"))).isNotEmpty();
  }

  @Test
  void noPasswordIsInAnyHostsEnvironmentOrLeftInAFileYetTheAccountsWork() {
    List<String> passwords =
        plan.accounts().stream().map(RangePlan.Account::password).distinct().toList();
    assertThat(passwords).isNotEmpty();
    for (PlannedHost host : plan.hosts()) {
      // what the engine hands the host, and every environment its root can read
      String given =
          String.join(
              "\n",
              engine
                  .client()
                  .inspectContainerCmd(DockerNames.container(plan.rangeId(), host.id()))
                  .exec()
                  .getConfig()
                  .getEnv());
      ExecResult seen =
          sh(
              host.id(),
              "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done 2>/dev/null;"
                  + " ls /etc/enshu/secrets 2>&1");
      assertThat(seen.stdout()).as(host.id()).contains("No such file");
      for (String password : passwords) {
        assertThat(given).as("%s's environment", host.id()).doesNotContain(password);
        assertThat(seen.stdout()).as("%s's processes", host.id()).doesNotContain(password);
      }
    }
    // the passwords did arrive: the abused account logs on to the directory with its own
    String account = plan.variables().get("stolenAccount");
    String password =
        plan.accountsOn("ad").stream()
            .filter(a -> a.name().equals(account))
            .findFirst()
            .orElseThrow()
            .password();
    ExecResult logon =
        sh(
            "ad",
            "ldbsearch -H ldap://127.0.0.1 -U '"
                + account
                + "%"
                + password
                + "' '(sAMAccountName="
                + account
                + ")' dn");
    assertThat(logon.exitCode()).as(logon.stdout() + logon.stderr()).isZero();
    assertThat(logon.stdout()).contains("CN=" + account);
  }
}

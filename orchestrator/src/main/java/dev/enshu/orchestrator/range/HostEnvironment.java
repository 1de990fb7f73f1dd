package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.RangePlan.DnsRecord;
import dev.enshu.orchestrator.range.RangePlan.DnsZone;
import dev.enshu.template.HostRole;
import dev.enshu.template.SegmentPurpose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings a host's image reads when it starts, from the range plan: identity, routes, name
 * servers, log forwarding to the SOC, and its role's own settings. The contract is described with
 * the images in {@code range-templates/src/main/resources/images/docker/README.md}.
 */
public final class HostEnvironment {
  /**
   * The domain controller's Administrator password: the image's default, which the checker hosts
   * bind with to read the directory.
   */
  public static final String AD_ADMIN_PASSWORD = "Enshu#Admin2025";

  private HostEnvironment() {}

  public static Map<String, String> of(RangePlan plan, PlannedHost host) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ENSHU_HOST", host.id());
    env.put("ENSHU_ROLE", host.role().id());
    env.put("ENSHU_TEAM", Integer.toString(plan.team()));
    env.put("ENSHU_DOMAIN", plan.domain());
    env.put(
        "ENSHU_ROUTES",
        host.routes().stream()
            .map(r -> r.destination() + " via " + r.via())
            .collect(Collectors.joining(";")));
    env.put("ENSHU_DNS", String.join(",", host.resolvers()));
    if (host.resolvers().isEmpty()) {
      env.put("ENSHU_HOSTS", hostsTable(plan));
    }
    env.put("ENSHU_SOC", host.watched() ? plan.soc().address() : "");
    switch (host.role()) {
      case FIREWALL -> firewall(plan, host, env);
      case DNS -> dns(plan, host, env);
      case MAIL -> mail(plan, host, env);
      case SANITISER -> {
        env.put("ENSHU_MAIL_DOMAIN", plan.domain());
        env.put("ENSHU_SANITISER_NEXT_HOP", addressOf(plan, host.settings().get("next-hop")));
      }
      case PROXY ->
          env.put(
              "ENSHU_PROXY_ALLOW",
              plan.segments().stream()
                  .filter(s -> s.purpose() != SegmentPurpose.INTERNET)
                  .map(RangePlan.PlannedSegment::cidr)
                  .collect(Collectors.joining(",")));
      case WORKSTATION -> workstation(plan, host, env);
      case DHCP -> dhcp(plan, host, env);
      // account names only: their passwords are secrets, delivered apart from the environment
      case DOMAIN_CONTROLLER -> env.put("ENSHU_AD_ACCOUNTS", names(plan, host));
      case FILE_SERVER -> {
        env.put("ENSHU_SHARES", host.settings().getOrDefault("shares", "share:/srv/shares/share"));
        env.put("ENSHU_SMB_ACCOUNTS", names(plan, host));
      }
      case APP_SERVER -> env.put("ENSHU_APP", host.settings().getOrDefault("app", "orders"));
      default -> {
        // web, soc, attacker, c2, checker: nothing beyond the common settings
      }
    }
    return env;
  }

  /**
   * The settings of a host that are secrets: the passwords of its accounts. They are never put in
   * its environment, which every process of the host and its root can read: the provider hands them
   * over in a file only root can read, {@link #SECRETS_FILE}, which the role script reads once at
   * its first start and then removes, so what stays in the host is what any real server keeps (the
   * password hashes of its own accounts).
   */
  public static Map<String, String> secrets(RangePlan plan, PlannedHost host) {
    Map<String, String> secrets = new LinkedHashMap<>();
    String users = users(plan, host);
    switch (host.role()) {
      case DOMAIN_CONTROLLER -> secrets.put("ENSHU_AD_USERS", users);
      case FILE_SERVER -> secrets.put("ENSHU_SMB_USERS", users);
      case VPN_GATEWAY -> {
        if (!users.isEmpty()) {
          secrets.put("ENSHU_VPN_USERS", users);
        }
      }
      case WORKSTATION -> {
        String user = host.settings().getOrDefault("user", "user");
        plan.accountsOn(host.id()).stream()
            .filter(a -> a.name().equals(user))
            .findFirst()
            .ifPresent(a -> secrets.put("ENSHU_USER_PASSWORD", a.password()));
      }
      default -> {
        // no other role keeps passwords
      }
    }
    return secrets;
  }

  /** Where the provider puts a host's secrets before its first start; removed once read. */
  public static final String SECRETS_FILE = "/etc/enshu/secrets";

  /** Settings as a shell file of {@code NAME='value'} lines, as the images read them. */
  public static String shellFile(Map<String, String> settings) {
    StringBuilder text = new StringBuilder();
    settings.forEach(
        (k, v) -> text.append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
    return text.toString();
  }

  private static void firewall(RangePlan plan, PlannedHost host, Map<String, String> env) {
    env.put(
        "ENSHU_NFT_B64",
        Base64.getEncoder()
            .encodeToString(FirewallScript.render(plan).getBytes(StandardCharsets.UTF_8)));
    String relays =
        plan.dhcp().stream()
            .filter(scope -> host.id().equals(scope.router()))
            .map(scope -> scope.routerAddress() + " " + scope.serverAddress())
            .collect(Collectors.joining(";"));
    if (!relays.isEmpty()) {
      env.put("ENSHU_DHCP_RELAY", relays);
    }
  }

  private static void dns(RangePlan plan, PlannedHost host, Map<String, String> env) {
    boolean isPublic = "public".equals(host.settings().get("zone"));
    String zone = isPublic ? "internet" : plan.domain();
    DnsZone records =
        plan.dns().stream().filter(z -> z.zone().equals(zone)).findFirst().orElseThrow();
    env.put("ENSHU_DNS", host.address());
    env.put(
        "ENSHU_DNS_RECORDS",
        records.records().stream()
            .map(r -> r.name() + " " + r.address())
            .collect(Collectors.joining(";")));
    if (isPublic) {
      // the simulated public DNS answers names, never addresses: a reverse lookup of the C2's
      // address would name the drawn domain among its decoys
      env.put("ENSHU_DNS_NO_PTR", "1");
    }
    String upstream = host.settings().get("upstream");
    if (upstream != null) {
      env.put("ENSHU_DNS_UPSTREAM", addressOf(plan, upstream));
    }
    plan.hosts().stream()
        .filter(h -> h.role() == HostRole.MAIL && h.settings().containsKey("relay"))
        .findFirst()
        .ifPresent(mx -> env.put("ENSHU_DNS_MX", plan.domain() + " " + mx.fqdn()));
  }

  /**
   * An internet-facing mail server (one with a {@code relay}) accepts the organisation's mail and
   * passes all of it to the relay (the sanitiser); a mailbox server keeps the staff's mailboxes.
   */
  private static void mail(RangePlan plan, PlannedHost host, Map<String, String> env) {
    String relay = host.settings().get("relay");
    if (relay != null) {
      env.put("ENSHU_MAIL_DOMAIN", host.id() + "." + plan.domain());
      env.put("ENSHU_MAIL_RELAY", addressOf(plan, relay));
    } else {
      env.put("ENSHU_MAIL_DOMAIN", plan.domain());
      env.put(
          "ENSHU_MAIL_USERS",
          plan.hosts().stream()
              .filter(h -> h.role() == HostRole.WORKSTATION && h.settings().containsKey("user"))
              .map(h -> h.settings().get("user"))
              .distinct()
              .collect(Collectors.joining(",")));
    }
  }

  private static void workstation(RangePlan plan, PlannedHost host, Map<String, String> env) {
    String user = host.settings().getOrDefault("user", "user");
    env.put("ENSHU_USER", user);
    plan.hosts().stream()
        .filter(h -> h.role() == HostRole.PROXY)
        .findFirst()
        .ifPresent(proxy -> env.put("ENSHU_PROXY", "http://" + proxy.address() + ":3128"));
    env.put("ENSHU_DHCP", host.interfaces().get(0).dhcp() ? "1" : "0");
    if (host.interfaces().get(0).dhcp()) {
      env.put("ENSHU_MAC", host.interfaces().get(0).mac());
    }
    List<String> urls = new ArrayList<>();
    plan.hosts().stream()
        .filter(h -> h.role() == HostRole.WEB)
        .forEach(web -> urls.add("http://" + web.fqdn() + "/"));
    env.put("ENSHU_ACTIVITY_URLS", String.join(",", urls));
  }

  private static void dhcp(RangePlan plan, PlannedHost host, Map<String, String> env) {
    List<RangePlan.DhcpScope> scopes =
        plan.dhcp().stream().filter(s -> s.server().equals(host.id())).toList();
    env.put(
        "ENSHU_DHCP_SCOPES",
        scopes.stream()
            .map(s -> s.cidr() + " " + s.routerAddress())
            .collect(Collectors.joining(";")));
    env.put(
        "ENSHU_DHCP_RESERVATIONS",
        scopes.stream()
            .flatMap(s -> s.leases().stream())
            .map(l -> l.mac() + " " + l.address() + " " + l.host())
            .collect(Collectors.joining(";")));
  }

  private static String names(RangePlan plan, PlannedHost host) {
    return plan.accountsOn(host.id()).stream()
        .map(RangePlan.Account::name)
        .distinct()
        .collect(Collectors.joining(","));
  }

  private static String users(RangePlan plan, PlannedHost host) {
    return plan.accountsOn(host.id()).stream()
        .map(a -> a.name() + ":" + a.password())
        .distinct()
        .collect(Collectors.joining(";"));
  }

  private static String addressOf(RangePlan plan, String hostId) {
    return plan.requireHost(hostId).address();
  }

  /** Every name of the range, for hosts without a name server. */
  private static String hostsTable(RangePlan plan) {
    List<String> lines = new ArrayList<>();
    for (DnsZone zone : plan.dns()) {
      for (DnsRecord record : zone.records()) {
        String shortName =
            record.name().endsWith("." + plan.domain())
                ? " "
                    + record
                        .name()
                        .substring(0, record.name().length() - plan.domain().length() - 1)
                : "";
        lines.add(record.address() + " " + record.name() + shortName);
      }
    }
    return String.join(";", lines.stream().distinct().toList());
  }
}

package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.PlannedHost.PlannedInterface;
import dev.enshu.orchestrator.range.PlannedHost.Route;
import dev.enshu.orchestrator.range.RangePlan.DhcpScope;
import dev.enshu.orchestrator.range.RangePlan.DnsRecord;
import dev.enshu.orchestrator.range.RangePlan.DnsZone;
import dev.enshu.orchestrator.range.RangePlan.Lease;
import dev.enshu.orchestrator.range.RangePlan.PlannedSegment;
import dev.enshu.scenario.InternetName;
import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.Variable;
import dev.enshu.template.Cidr;
import dev.enshu.template.FirewallRule;
import dev.enshu.template.Host;
import dev.enshu.template.HostInterface;
import dev.enshu.template.HostNames;
import dev.enshu.template.HostRole;
import dev.enshu.template.Ipv4;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.Segment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles a scenario and its template into the plan of one team's range. Pure and deterministic:
 * no clock, no randomness beyond the exercise seed.
 */
public final class PlanCompiler {
  private final Scenario scenario;
  private final RangeTemplate template;
  private final Cidr templateBlock;
  private final Routing routing;

  public PlanCompiler(Scenario scenario, RangeTemplate template) {
    this.scenario = scenario;
    this.template = template;
    this.templateBlock = Cidr.parse(template.addressBlock());
    this.routing = new Routing(template);
  }

  /** The size of block each team needs: the template's address block. */
  public int blockPrefix() {
    return templateBlock.prefix();
  }

  /**
   * The plan of team {@code team} (1-based) of exercise {@code exerciseId}, in the address block
   * {@code teamBlock}, which must be as large as the template's and shared with no other range.
   */
  public RangePlan compile(String exerciseId, int team, long seed, Cidr teamBlock) {
    if (team < 1) {
      throw new IllegalArgumentException("teams are numbered from 1, found " + team);
    }
    if (teamBlock.prefix() != templateBlock.prefix()) {
      throw new IllegalArgumentException(
          "team "
              + team
              + " was given "
              + teamBlock
              + " but template '"
              + template.id()
              + "' needs a /"
              + templateBlock.prefix());
    }
    String rangeId = exerciseId + "-t" + team;
    Relocation at = new Relocation(templateBlock, teamBlock);
    Map<String, String> hostAddresses = new HashMap<>();
    List<PlannedHost> hosts = planHosts(rangeId, at, hostAddresses);
    Map<String, String> variables = drawVariables(seed, team, hosts);
    List<PlannedSegment> segments =
        template.segments().stream()
            .map(
                s ->
                    new PlannedSegment(
                        s.id(),
                        s.purpose().id(),
                        at.cidr(s.cidr()),
                        s.title() == null ? s.id() : s.title().ja()))
            .toList();
    return new RangePlan(
        exerciseId,
        team,
        rangeId,
        scenario.id(),
        template.id(),
        seed,
        template.domain(),
        teamBlock.toString(),
        segments,
        hosts,
        new FirewallPlanner(template, at, hosts).rules(),
        soc(hosts),
        dns(hosts, variables),
        dhcp(hosts, at),
        accounts(rangeId, seed, hosts, variables),
        variables,
        checkers(rangeId, at, hosts));
  }

  /**
   * One hidden checker host in each segment a probe check comes from, at the highest address of the
   * segment that no host, lease or gateway uses, routed as any host of that segment is.
   */
  private List<PlannedHost> checkers(String rangeId, Relocation at, List<PlannedHost> hosts) {
    List<String> segments =
        scenario.checks().stream()
            .filter(c -> c.probe() != null)
            .map(c -> c.probe().from())
            .distinct()
            .toList();
    List<PlannedHost> checkers = new ArrayList<>();
    for (String segmentId : segments) {
      Segment segment = template.segment(segmentId).orElseThrow();
      Cidr cidr = Cidr.parse(at.cidr(segment.cidr()));
      java.util.Set<Long> taken = new java.util.HashSet<>();
      taken.add(cidr.first() + 1); // the provider's gateway
      hosts.forEach(h -> h.interfaces().forEach(i -> taken.add(Ipv4.parse(i.address()))));
      if (segment.dhcp() != null) {
        for (long a = Ipv4.parse(at.address(segment.dhcp().first()));
            a <= Ipv4.parse(at.address(segment.dhcp().last()));
            a++) {
          taken.add(a);
        }
      }
      long address = cidr.first() + cidr.size() - 2;
      while (address > cidr.first() + 1 && taken.contains(address)) {
        address--;
      }
      if (address <= cidr.first() + 1) {
        throw new IllegalArgumentException(
            "segment '"
                + segmentId
                + "' of template '"
                + template.id()
                + "' has no free address for the checker host its probe checks need");
      }
      String id = RangePlan.CHECKER_ROLE + "-" + segmentId;
      Host standIn =
          new Host(
              id,
              HostRole.WORKSTATION,
              null,
              null,
              List.of(new HostInterface(segmentId, at.reverse(Ipv4.format(address)), null)),
              List.of(),
              null,
              Map.of());
      checkers.add(
          new PlannedHost(
              id,
              RangePlan.CHECKER_ROLE,
              RangePlan.CHECKER_ROLE,
              id,
              id + ".invalid",
              List.of(
                  new PlannedInterface(
                      segmentId, Ipv4.format(address), mac(rangeId, id, segmentId), false)),
              routes(standIn, at),
              List.of(),
              Map.of(),
              64,
              0.25,
              false));
    }
    return List.copyOf(checkers);
  }

  private List<PlannedHost> planHosts(
      String rangeId, Relocation at, Map<String, String> addresses) {
    Map<String, Integer> leased = new HashMap<>();
    List<PlannedHost> hosts = new ArrayList<>();
    for (Host host : template.hosts()) {
      List<String> ids = HostNames.of(host);
      for (int n = 1; n <= ids.size(); n++) {
        String id = ids.get(n - 1);
        List<PlannedInterface> interfaces = new ArrayList<>();
        for (HostInterface nic : host.interfaces()) {
          String address;
          if (nic.usesDhcp()) {
            Segment segment = template.segment(nic.segment()).orElseThrow();
            int index = leased.merge(nic.segment(), 1, Integer::sum) - 1;
            address = at.address(Ipv4.format(Ipv4.parse(segment.dhcp().first()) + index));
          } else {
            address = at.address(Ipv4.format(Ipv4.parse(nic.address()) + n - 1));
          }
          interfaces.add(
              new PlannedInterface(
                  nic.segment(), address, mac(rangeId, id, nic.segment()), nic.usesDhcp()));
        }
        addresses.put(id, interfaces.get(0).address());
        int number = n;
        Map<String, String> settings = new TreeMap<>();
        host.settingsOrEmpty()
            .forEach((k, v) -> settings.put(k, v.replace("{n}", Integer.toString(number))));
        hosts.add(
            new PlannedHost(
                id,
                host.id(),
                host.role().id(),
                host.title() == null ? host.role().japaneseName() : host.title().ja(),
                id + "." + template.domain(),
                List.copyOf(interfaces),
                routes(host, at),
                List.of(),
                settings,
                memory(host),
                host.resources() != null && host.resources().cpus() != null
                    ? host.resources().cpus()
                    : 0.5,
                isWatched(host)));
      }
    }
    List<String> publicResolvers =
        hosts.stream().filter(PlanCompiler::isPublic).map(PlannedHost::address).toList();
    List<String> resolvers =
        hosts.stream()
            .filter(h -> h.role().equals(HostRole.DNS.id()) && !isPublic(h))
            .map(PlannedHost::address)
            .toList();
    return hosts.stream()
        .map(
            h ->
                new PlannedHost(
                    h.id(),
                    h.group(),
                    h.role(),
                    h.title(),
                    h.fqdn(),
                    h.interfaces(),
                    h.routes(),
                    onInternet(h) ? publicResolvers : resolvers,
                    h.settings(),
                    h.memoryMb(),
                    h.cpus(),
                    h.watched()))
        .toList();
  }

  private boolean onInternet(PlannedHost host) {
    return template.segment(host.interfaces().get(0).segment()).orElseThrow().purpose()
        == dev.enshu.template.SegmentPurpose.INTERNET;
  }

  private List<Route> routes(Host host, Relocation at) {
    List<Route> routes = new ArrayList<>();
    Routing.Hop gateway = routing.defaultGateway(host);
    if (gateway != null) {
      routes.add(new Route("default", at.address(gateway.templateAddress())));
    }
    routing
        .firstHops(host)
        .forEach(
            (segment, hop) -> {
              if (gateway == null || !hop.router().equals(gateway.router())) {
                routes.add(
                    new Route(
                        at.cidr(template.segment(segment).orElseThrow().cidr()),
                        at.address(hop.templateAddress())));
              }
            });
    return List.copyOf(routes);
  }

  private boolean isWatched(Host host) {
    if (host.role() == HostRole.SOC) {
      return false;
    }
    return template.soc().hostsOrEmpty().contains(host.id())
        || host.interfaces().stream()
            .anyMatch(n -> template.soc().segmentsOrEmpty().contains(n.segment()));
  }

  private static int memory(Host host) {
    if (host.resources() != null && host.resources().memoryMb() != null) {
      return host.resources().memoryMb();
    }
    return host.role() == HostRole.DOMAIN_CONTROLLER ? 512 : 256;
  }

  private static boolean isPublic(PlannedHost host) {
    return "public".equals(host.settings().get("zone"));
  }

  private Map<String, String> drawVariables(long seed, int team, List<PlannedHost> hosts) {
    VariableDraw draw = new VariableDraw(seed, team);
    Map<String, String> values = new TreeMap<>();
    scenario
        .variablesOrEmpty()
        .forEach(
            (name, variable) -> {
              if (variable instanceof Variable.HostPick pick) {
                List<PlannedHost> candidates =
                    hosts.stream()
                        .filter(h -> h.role().equals(pick.role().id()))
                        .filter(
                            h -> pick.segment() == null || h.addressOn(pick.segment()).isPresent())
                        .toList();
                String id = draw.pick(name, candidates.stream().map(PlannedHost::id).toList());
                PlannedHost chosen =
                    candidates.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
                values.put(name, chosen.id());
                values.put(name + ".address", chosen.address());
                values.put(name + ".fqdn", chosen.fqdn());
                values.put(name + ".user", chosen.settings().getOrDefault("user", "user"));
              } else {
                values.put(name, draw.draw(name, variable));
              }
            });
    return values;
  }

  private RangePlan.Soc soc(List<PlannedHost> hosts) {
    PlannedHost collector = byId(hosts, template.soc().collector());
    List<String> watched =
        hosts.stream().filter(PlannedHost::watched).map(PlannedHost::id).toList();
    return new RangePlan.Soc(
        collector.id(), collector.address(), template.soc().portOrDefault(), watched);
  }

  private List<DnsZone> dns(List<PlannedHost> hosts, Map<String, String> variables) {
    // the simulated internet's hosts (attacker, C2) are not the organisation's: no names in its
    // zone, so that no lookup says which address is the attacker's
    List<DnsRecord> organisation =
        hosts.stream()
            .filter(h -> !onlyOnTheInternet(h))
            .map(h -> new DnsRecord(h.fqdn(), h.address()))
            .sorted(Comparator.comparing(DnsRecord::name))
            .toList();
    List<DnsRecord> internet = new ArrayList<>();
    for (InternetName name : scenario.internetNamesOrEmpty()) {
      String target = Substitution.apply(name.host(), variables);
      String address = byId(hosts, target).address();
      for (String candidate : candidates(name.name(), variables)) {
        internet.add(new DnsRecord(candidate, address));
      }
    }
    for (PlannedHost host : hosts) {
      boolean public_ =
          host.interfaces().stream()
              .anyMatch(
                  n ->
                      template.segment(n.segment()).orElseThrow().purpose()
                          == dev.enshu.template.SegmentPurpose.DMZ);
      if (public_) {
        internet.add(new DnsRecord(host.fqdn(), host.address()));
      }
    }
    internet.sort(Comparator.comparing(DnsRecord::name));
    List<String> organisationServers =
        hosts.stream()
            .filter(h -> h.role().equals(HostRole.DNS.id()) && !isPublic(h))
            .map(PlannedHost::id)
            .toList();
    List<String> publicServers =
        hosts.stream().filter(PlanCompiler::isPublic).map(PlannedHost::id).toList();
    return List.of(
        new DnsZone(template.domain(), organisationServers, organisation),
        new DnsZone("internet", publicServers, List.copyOf(internet)));
  }

  /**
   * Every value an internet name can take: a name that is one choice variable ({@code ${c2Domain}})
   * resolves under each of its candidates, so that resolving them does not tell the drawn one (the
   * others are decoys on the same host); any other name is its own value.
   */
  private List<String> candidates(String name, Map<String, String> variables) {
    java.util.regex.Matcher whole =
        java.util.regex.Pattern.compile("\\$\\{([^}.]+)}").matcher(name);
    if (whole.matches()
        && scenario.variablesOrEmpty().get(whole.group(1))
            instanceof dev.enshu.scenario.Variable.Choice choice) {
      return choice.values().stream().distinct().toList();
    }
    return List.of(Substitution.apply(name, variables));
  }

  private boolean onlyOnTheInternet(PlannedHost host) {
    return !host.interfaces().isEmpty()
        && host.interfaces().stream()
            .allMatch(
                n ->
                    template.segment(n.segment()).orElseThrow().purpose()
                        == dev.enshu.template.SegmentPurpose.INTERNET);
  }

  /**
   * Each terminal's user (on the terminal, the domain controllers, the file servers and the
   * internal mail servers) and the scenario's accounts, with passwords drawn per range.
   */
  private List<RangePlan.Account> accounts(
      String rangeId, long seed, List<PlannedHost> hosts, Map<String, String> variables) {
    List<RangePlan.Account> accounts = new ArrayList<>();
    List<String> shared =
        hosts.stream()
            .filter(
                h ->
                    h.role().equals(HostRole.DOMAIN_CONTROLLER.id())
                        || h.role().equals(HostRole.FILE_SERVER.id()))
            .map(PlannedHost::id)
            .toList();
    for (PlannedHost terminal : hosts) {
      String user = terminal.settings().get("user");
      if (!terminal.role().equals(HostRole.WORKSTATION.id()) || user == null) {
        continue;
      }
      String password = password(seed, rangeId, user);
      accounts.add(
          new RangePlan.Account(terminal.id(), user, password, "staff user of " + terminal.id()));
      for (String server : shared) {
        accounts.add(
            new RangePlan.Account(server, user, password, "staff user of " + terminal.id()));
      }
    }
    for (dev.enshu.scenario.Account account : scenario.accountsOrEmpty()) {
      String name = Substitution.apply(account.name(), variables);
      String host = Substitution.apply(account.host(), variables);
      // an account named by a choice exists under every candidate, in the candidates' order, so
      // that the drawn one is not the only one (nor the first) in the directory
      for (String candidate : candidates(account.name(), variables)) {
        boolean drawn = candidate.equals(name);
        String password =
            drawn && account.password() != null
                ? Substitution.apply(account.password(), variables)
                : password(seed, rangeId, candidate);
        String comment =
            drawn
                ? account.comment() == null ? "" : account.comment()
                : "a candidate of " + account.name() + " that was not drawn";
        accounts.add(new RangePlan.Account(host, candidate, password, comment));
      }
    }
    return List.copyOf(accounts);
  }

  /** A password that only this range's seed gives: letters, digits and a symbol. */
  static String password(long seed, String rangeId, String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((seed + "/" + rangeId + "/" + name).getBytes(StandardCharsets.UTF_8));
      return "Pw-" + java.util.HexFormat.of().formatHex(digest, 0, 5) + "x!";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private List<DhcpScope> dhcp(List<PlannedHost> hosts, Relocation at) {
    List<DhcpScope> scopes = new ArrayList<>();
    for (Segment segment : template.segments()) {
      if (segment.dhcp() == null) {
        continue;
      }
      PlannedHost server = byId(hosts, segment.dhcp().server());
      PlannedHost router = segment.gateway() == null ? null : byId(hosts, segment.gateway());
      List<Lease> leases = new ArrayList<>();
      for (PlannedHost host : hosts) {
        for (PlannedInterface nic : host.interfaces()) {
          if (nic.dhcp() && nic.segment().equals(segment.id())) {
            leases.add(new Lease(host.id(), nic.mac(), nic.address()));
          }
        }
      }
      scopes.add(
          new DhcpScope(
              segment.id(),
              at.cidr(segment.cidr()),
              server.id(),
              server.address(),
              router == null ? null : router.id(),
              router == null ? null : router.addressOn(segment.id()).orElseThrow(),
              List.copyOf(leases)));
    }
    return List.copyOf(scopes);
  }

  private static PlannedHost byId(List<PlannedHost> hosts, String id) {
    return hosts.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
  }

  /** A locally administered MAC that depends only on the range, host and segment. */
  static String mac(String rangeId, String hostId, String segment) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((rangeId + "/" + hostId + "/" + segment).getBytes(StandardCharsets.UTF_8));
      return String.format(
          "02:%02x:%02x:%02x:%02x:%02x", digest[0], digest[1], digest[2], digest[3], digest[4]);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Moves template addresses into the team's block. */
  record Relocation(Cidr from, Cidr to) {
    String address(String templateAddress) {
      return Ipv4.format(from.relocate(Ipv4.parse(templateAddress), to));
    }

    /** The template address of a team address. */
    String reverse(String teamAddress) {
      return Ipv4.format(to.relocate(Ipv4.parse(teamAddress), from));
    }

    String cidr(String templateCidr) {
      return from.relocate(Cidr.parse(templateCidr), to).toString();
    }
  }

  /** Firewall rules of the template, resolved to team networks, after the SOC's log forwarding. */
  private static final class FirewallPlanner {
    private final RangeTemplate template;
    private final Relocation at;
    private final List<PlannedHost> hosts;

    FirewallPlanner(RangeTemplate template, Relocation at, List<PlannedHost> hosts) {
      this.template = template;
      this.at = at;
      this.hosts = hosts;
    }

    List<PlannedRule> rules() {
      List<PlannedRule> rules = new ArrayList<>();
      PlannedHost collector = byId(hosts, template.soc().collector());
      List<String> watched =
          hosts.stream()
              .filter(PlannedHost::watched)
              .flatMap(h -> h.interfaces().stream())
              .map(i -> i.address() + "/32")
              .toList();
      if (!watched.isEmpty()) {
        rules.add(
            new PlannedRule(
                watched,
                List.of(collector.address() + "/32"),
                "tcp",
                List.of(template.soc().portOrDefault()),
                true,
                "log forwarding to the SOC collector"));
      }
      for (FirewallRule rule : template.firewall().rules()) {
        rules.add(
            new PlannedRule(
                endpoint(rule.from()),
                endpoint(rule.to()),
                rule.protocol().id(),
                rule.portsOrAll(),
                rule.action() == FirewallRule.Verdict.ALLOW,
                rule.comment() == null ? "" : rule.comment()));
      }
      return List.copyOf(rules);
    }

    private List<String> endpoint(String name) {
      if ("any".equals(name)) {
        return List.of("0.0.0.0/0");
      }
      return template
          .segment(name)
          .map(s -> List.of(at.cidr(s.cidr())))
          .orElseGet(
              () ->
                  hosts.stream()
                      .filter(h -> h.group().equals(name))
                      .flatMap(h -> h.interfaces().stream())
                      .map(i -> i.address() + "/32")
                      .toList());
    }
  }
}

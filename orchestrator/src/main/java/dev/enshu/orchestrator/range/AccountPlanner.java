package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.RangePlan.Account;
import dev.enshu.scenario.Scenario;
import dev.enshu.template.HostRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts of a range: each terminal's user (on the terminal, the domain controllers and the
 * file servers) and the scenario's accounts, with passwords drawn per range.
 */
final class AccountPlanner {
  private final Scenario scenario;
  private final String rangeId;
  private final long seed;
  private final List<PlannedHost> hosts;
  private final ChoiceCandidates candidates;

  AccountPlanner(
      Scenario scenario,
      String rangeId,
      long seed,
      List<PlannedHost> hosts,
      ChoiceCandidates candidates) {
    this.scenario = scenario;
    this.rangeId = rangeId;
    this.seed = seed;
    this.hosts = hosts;
    this.candidates = candidates;
  }

  List<Account> accounts() {
    List<Account> accounts = new ArrayList<>(staff());
    for (dev.enshu.scenario.Account account : scenario.accountsOrEmpty()) {
      accounts.addAll(scenarioAccount(account));
    }
    return List.copyOf(accounts);
  }

  private List<Account> staff() {
    List<String> shared =
        hosts.stream()
            .filter(h -> h.role() == HostRole.DOMAIN_CONTROLLER || h.role() == HostRole.FILE_SERVER)
            .map(PlannedHost::id)
            .toList();
    List<Account> accounts = new ArrayList<>();
    for (PlannedHost terminal : hosts) {
      String user = terminal.settings().get("user");
      if (terminal.role() != HostRole.WORKSTATION || user == null) {
        continue;
      }
      String password = PlanDigests.password(seed, rangeId, user);
      String comment = "staff user of " + terminal.id();
      accounts.add(new Account(terminal.id(), user, password, comment));
      for (String server : shared) {
        accounts.add(new Account(server, user, password, comment));
      }
    }
    return accounts;
  }

  /**
   * An account named by a choice exists under every candidate, in the candidates' order, so that
   * the drawn one is not the only one (nor the first) in the directory.
   */
  private List<Account> scenarioAccount(dev.enshu.scenario.Account account) {
    String name = Substitution.apply(account.name(), candidates.variables());
    String host = Substitution.apply(account.host(), candidates.variables());
    List<Account> accounts = new ArrayList<>();
    for (String candidate : candidates.of(account.name())) {
      boolean drawn = candidate.equals(name);
      String password =
          drawn && account.password() != null
              ? Substitution.apply(account.password(), candidates.variables())
              : PlanDigests.password(seed, rangeId, candidate);
      String comment =
          drawn
              ? account.comment() == null ? "" : account.comment()
              : "a candidate of " + account.name() + " that was not drawn";
      accounts.add(new Account(host, candidate, password, comment));
    }
    return accounts;
  }
}

package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.Substitution;
import dev.enshu.scenario.Action;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an inject's action inside a team's range through the provider: binds the action's fields
 * (with the team's variables) to the matching script and runs it on the right host. Returns what
 * happened, for the journal: the hosts, the output, and secrets such as the ransomware key that an
 * instructor needs to undo it.
 */
public final class ActionRunner {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private final RangeProvider provider;
  private final SecureRandom random = new SecureRandom();

  public ActionRunner(RangeProvider provider) {
    this.provider = provider;
  }

  /** The id of the provider this runner works through. */
  public String providerId() {
    return provider.id();
  }

  /**
   * Whether the provider's engine answers now (an action that failed while it did not is run
   * again).
   */
  public boolean engineAnswers() {
    try {
      return provider.probe().available();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What an action did; {@code ok} is false when a step failed, with its output. */
  public record Outcome(boolean ok, Map<String, Object> details) {}

  public Outcome run(RangePlan plan, Action action) {
    Map<String, String> v = plan.variables();
    Map<String, Object> details = new LinkedHashMap<>();
    List<ExecResult> results = new ArrayList<>();
    if (action instanceof Action.PhishingMail a) {
      results.add(
          exec(
              plan,
              s(a.from(), v),
              ActionScripts.PHISHING_MAIL,
              env(
                  "SERVER",
                  plan.requireHost(s(a.server(), v)).address(),
                  "SENDER",
                  s(a.sender(), v),
                  "RECIPIENT",
                  s(a.recipient(), v),
                  "SUBJECT",
                  encodedWord(s(a.subject(), v)),
                  "BODY",
                  s(a.body(), v),
                  "ATTACHMENT",
                  a.attachment() == null ? "" : s(a.attachment(), v))));
      details.put("attachmentSha256", lastLine(results));
    } else if (action instanceof Action.Implant a) {
      String host = s(a.host(), v);
      results.add(
          exec(
              plan,
              host,
              ActionScripts.IMPLANT,
              env(
                  "OWNER",
                  owner(plan, host),
                  "IMPLANT_PATH",
                  s(a.path(), v),
                  "PROCESS",
                  s(a.process(), v),
                  "C2",
                  s(a.c2(), v),
                  "UA",
                  s(a.userAgent(), v),
                  "ID",
                  host,
                  "INTERVAL",
                  Long.toString(a.interval().duration().toSeconds()),
                  "PROXY",
                  proxyUrl(plan, a.proxy(), v))));
      details.put("implantSha256", lastLine(results));
    } else if (action instanceof Action.Discovery a) {
      String host = s(a.host(), v);
      results.add(
          exec(
              plan,
              host,
              ActionScripts.DISCOVERY,
              env(
                  "OWNER",
                  owner(plan, host),
                  "COMMANDS",
                  String.join("\n", a.commands().stream().map(c -> s(c, v)).toList()))));
    } else if (action instanceof Action.CredentialTheft a) {
      String host = s(a.host(), v);
      String account = s(a.account(), v);
      results.add(
          exec(
              plan,
              host,
              ActionScripts.CREDENTIAL_THEFT,
              env(
                  "OWNER",
                  owner(plan, host),
                  "SOURCE",
                  s(a.source(), v),
                  "ACCOUNT",
                  account,
                  "PASSWORD",
                  password(plan, account),
                  "C2",
                  v.getOrDefault("c2Domain", ""),
                  "PROXY",
                  proxyUrl(plan, "proxy", v))));
    } else if (action instanceof Action.LateralMovement a) {
      String from = s(a.from(), v);
      String to = s(a.to(), v);
      String account = s(a.account(), v);
      if ("ssh".equals(a.protocol())) {
        results.add(
            exec(
                plan,
                to,
                ActionScripts.LATERAL_SSH_TRACE,
                env("ACCOUNT", account, "FROM_ADDRESS", plan.requireHost(from).address())));
      } else {
        PlannedHost target = plan.requireHost(to);
        String share =
            target
                .settings()
                .getOrDefault("shares", "share:/srv/share")
                .split(";")[0]
                .split(":")[0];
        results.add(
            exec(
                plan,
                from,
                ActionScripts.LATERAL_SMB,
                env(
                    "TARGET",
                    target.fqdn(),
                    "SHARE",
                    share,
                    "ACCOUNT",
                    account,
                    "PASSWORD",
                    password(plan, account))));
      }
    } else if (action instanceof Action.Exfiltration a) {
      String host = s(a.host(), v);
      results.add(
          exec(
              plan,
              host,
              ActionScripts.EXFILTRATION,
              env(
                  "OWNER",
                  owner(plan, host),
                  "SOURCE",
                  s(a.source(), v),
                  "C2",
                  s(a.c2(), v),
                  "PROXY",
                  proxyUrl(plan, a.proxy(), v),
                  "NAME",
                  "backup-" + host + ".tgz")));
      details.put("sent", lastLine(results));
    } else if (action instanceof Action.Ransomware a) {
      String key = HexFormat.of().formatHex(random.generateSeed(16));
      details.put("key", key);
      details.put("extension", s(a.extension(), v));
      for (String target : a.targets()) {
        results.add(
            exec(
                plan,
                s(target, v),
                ActionScripts.RANSOMWARE,
                ransomEnv(key, s(a.path(), v), s(a.extension(), v), s(a.note(), v), "encrypt")));
      }
      details.put("encrypted", results.stream().map(r -> r.stdout().strip()).toList());
    } else if (action instanceof Action.Deface a) {
      results.add(
          exec(plan, s(a.host(), v), ActionScripts.DEFACE, env("MESSAGE", s(a.message(), v))));
    } else if (action instanceof Action.VpnExploit a) {
      String account = s(a.account(), v);
      results.add(
          exec(
              plan,
              s(a.from(), v),
              ActionScripts.VPN_EXPLOIT,
              env(
                  "VPN",
                  plan.requireHost(s(a.host(), v)).address(),
                  "ACCOUNT",
                  account,
                  "PASSWORD",
                  password(plan, account))));
    } else if (action instanceof Action.Command a) {
      results.add(exec(plan, s(a.host(), v), s(a.run(), v), Map.of()));
    } else {
      throw new EnshuException(
          EnshuException.Status.INTERNAL,
          "no runner for action " + action.getClass().getSimpleName());
    }
    boolean ok = results.stream().allMatch(ExecResult::succeeded);
    details.put(
        "output",
        results.stream()
            .map(r -> (r.stdout() + r.stderr()).strip())
            .filter(t -> !t.isEmpty())
            .toList());
    if (!ok) {
      details.put("exitCodes", results.stream().map(ExecResult::exitCode).toList());
    }
    return new Outcome(ok, details);
  }

  /** Undoes a ransomware inject on one host with the key the journal recorded. */
  public ExecResult restore(
      RangePlan plan, String host, String key, String path, String extension) {
    return exec(
        plan, host, ActionScripts.RANSOMWARE, ransomEnv(key, path, extension, "", "decrypt"));
  }

  private static Map<String, String> ransomEnv(
      String key, String path, String extension, String note, String mode) {
    return env("KEY", key, "FOLDER", path, "EXTENSION", extension, "NOTE", note, "MODE", mode);
  }

  private ExecResult exec(RangePlan plan, String host, String script, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add("env");
    env.forEach((k, value) -> command.add(k + "=" + value));
    command.add("bash");
    command.add("-c");
    command.add(script);
    return provider.exec(new HostRef(plan.rangeId(), host), command, TIMEOUT);
  }

  private static String s(String text, Map<String, String> variables) {
    return Substitution.apply(text, variables);
  }

  /** The user the host's staff log on as, who runs what the attacker starts there. */
  private static String owner(RangePlan plan, String host) {
    return plan.requireHost(host).settings().getOrDefault("user", "root");
  }

  private static String password(RangePlan plan, String account) {
    return plan.accounts().stream()
        .filter(a -> a.name().equals(account))
        .map(RangePlan.Account::password)
        .findFirst()
        .orElse("");
  }

  private static String proxyUrl(RangePlan plan, String proxy, Map<String, String> variables) {
    if (proxy == null) {
      return "";
    }
    return plan.host(s(proxy, variables)).map(p -> "http://" + p.address() + ":3128").orElse("");
  }

  /** A mail header in UTF-8 as RFC 2047 wants it. */
  private static String encodedWord(String text) {
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }

  private static String lastLine(List<ExecResult> results) {
    List<String> lines = results.get(results.size() - 1).stdout().strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }
}

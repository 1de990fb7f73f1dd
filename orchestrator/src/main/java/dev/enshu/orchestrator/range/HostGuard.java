package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.EnshuException.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the range boundary on the host machine, also against a trainee who is root in a range host.
 * Every range bridge is named {@code ensh} + 10 hex digits (libvirt) or {@code enshd} + 10 hex
 * digits (Docker), so the interface wildcard {@code ensh+} matches every range bridge of the
 * machine and nothing else. For IPv4 and IPv6 alike the guard owns two chains:
 *
 * <ul>
 *   <li>{@value #INPUT_CHAIN}, the first rule of INPUT: drops everything that enters the host from
 *       a range bridge; the host offers no service to a range. It matches by interface, not by
 *       source address: root in a range host can send from any source address, and the Docker
 *       engine gives the host an address on each range network.
 *   <li>{@value #FORWARD_CHAIN}, seen first by every forwarded packet: accepts frames that are only
 *       bridged within one range bridge (they stay on that segment's L2 network; firewall hosts
 *       route between segments inside the range, which the engine's own isolation rules would
 *       drop), and drops whatever the host itself would route into or out of a range bridge. On a
 *       machine with the Docker engine it is the first rule of {@value #ENGINE_CHAIN} as well as of
 *       FORWARD: the engine moves its jump to {@value #ENGINE_CHAIN} back to the top of FORWARD
 *       each time anyone makes a Docker network, and its isolation rules, which drop what firewall
 *       hosts route between a range's internal networks, follow right after. FORWARD whose first
 *       rule jumps to {@value #ENGINE_CHAIN} is therefore guarded too, and no network made on the
 *       machine stops the ranges' routing until the next repair.
 * </ul>
 *
 * IPv6 is turned off on every range bridge, so the host has no link-local address a range could
 * reach. A rule that accepts bridged frames on every bridge of the machine ({@code DOCKER-USER -m
 * physdev --physdev-is-bridged -j ACCEPT}, from earlier setups) is removed, as are the source
 * address drops of earlier versions of the guard.
 *
 * <p>{@link #check()} only reads; {@link #ensure()} repairs. Both are idempotent and thread-safe,
 * block for the few iptables commands they run, and cost one {@code iptables-save} and one {@code
 * ip6tables-save} when nothing changed. The engine and firewall reloads rewrite FORWARD, so callers
 * ensure again before provisioning, before adopting ranges and periodically. Both throw a {@link
 * ProviderException} with status UNAVAILABLE when iptables is missing or refuses.
 */
public final class HostGuard {
  /** Interface names of range bridges. */
  public static final Pattern RANGE_BRIDGE = Pattern.compile("enshd?[0-9a-f]{10}");

  static final String INPUT_CHAIN = "ENSHU-INPUT";
  static final String FORWARD_CHAIN = "ENSHU-FORWARD";

  /** The Docker engine's chain for the machine's own rules, which it keeps first in FORWARD. */
  static final String ENGINE_CHAIN = "DOCKER-USER";

  /** The chains' rules as iptables-save prints them (so that they compare as text). */
  static final List<String> INPUT_RULES = List.of("-i ensh+ -j DROP");

  static final List<String> FORWARD_RULES =
      List.of(
          "-i ensh+ -m physdev --physdev-is-bridged -j ACCEPT",
          "-i ensh+ -j DROP",
          "-o ensh+ -j DROP");

  static final String EVERY_BRIDGE_ACCEPT = "-m physdev --physdev-is-bridged -j ACCEPT";

  private static final Pattern SOURCE_DROP =
      Pattern.compile("-s (\\S+) -m comment --comment \"?enshu range guard\"? -j DROP");

  private static final List<String> FAMILIES = List.of("iptables", "ip6tables");

  private static final HostGuard LOCAL =
      new HostGuard(HostGuard::exec, Path.of("/sys/class/net"), Path.of("/proc/sys/net/ipv6/conf"));

  /** Runs one command to its end. */
  interface Commands {
    /** The exit code and the output (stdout and stderr); IOException when it cannot start. */
    Result run(List<String> command) throws IOException;
  }

  record Result(int exitCode, String output) {}

  private final Commands commands;
  private final Path interfaces;
  private final Path ipv6Conf;

  HostGuard(Commands commands, Path interfaces, Path ipv6Conf) {
    this.commands = commands;
    this.interfaces = interfaces;
    this.ipv6Conf = ipv6Conf;
  }

  /** The guard of this machine. */
  public static HostGuard local() {
    return LOCAL;
  }

  /** What is missing or wrong, one line each; changes nothing. */
  public List<String> check() {
    return exclusively(false);
  }

  /** Repairs what {@link #check()} would report and returns what it repaired. */
  public List<String> ensure() {
    return exclusively(true);
  }

  /**
   * Held while any guard reads or repairs the machine's firewall: there is one firewall per
   * machine, whatever number of guards (and servers in one process) look after it.
   */
  static final ReentrantLock MACHINE = new ReentrantLock();

  private List<String> exclusively(boolean repair) {
    MACHINE.lock();
    try {
      return inspect(repair);
    } finally {
      MACHINE.unlock();
    }
  }

  private List<String> inspect(boolean repair) {
    List<String> problems = new ArrayList<>();
    for (String family : FAMILIES) {
      FilterTable table = FilterTable.parse(save(family));
      new Family(family, table, repair, problems).inspect();
    }
    rangeBridgesWithIpv6(repair, problems);
    return problems;
  }

  /** One address family's filter table: what is wrong with it, and its repair. */
  private final class Family {
    private final String family;
    private final FilterTable table;
    private final boolean repair;
    private final List<String> problems;

    Family(String family, FilterTable table, boolean repair, List<String> problems) {
      this.family = family;
      this.table = table;
      this.repair = repair;
      this.problems = problems;
    }

    void inspect() {
      chain(INPUT_CHAIN, INPUT_RULES);
      chain(FORWARD_CHAIN, FORWARD_RULES);
      jumpFirst("INPUT", INPUT_CHAIN);
      boolean engine = table.chains().contains(ENGINE_CHAIN);
      if (engine) {
        jumpFirst(ENGINE_CHAIN, FORWARD_CHAIN);
      }
      List<String> forward = table.rules("FORWARD");
      if (!(engine && !forward.isEmpty() && forward.get(0).equals("-j " + ENGINE_CHAIN))) {
        jumpFirst("FORWARD", FORWARD_CHAIN);
      }
      for (String rule : table.rules(ENGINE_CHAIN)) {
        if (rule.equals(EVERY_BRIDGE_ACCEPT)) {
          problems.add(
              family
                  + ": "
                  + ENGINE_CHAIN
                  + " accepts frames bridged on every bridge of the machine ("
                  + rule
                  + "); "
                  + FORWARD_CHAIN
                  + " accepts them on range bridges only");
          fix("-D", ENGINE_CHAIN, rule);
        }
      }
      for (String rule : table.rules("INPUT")) {
        Matcher drop = SOURCE_DROP.matcher(rule);
        if (drop.matches()) {
          problems.add(
              family
                  + ": INPUT drops "
                  + drop.group(1)
                  + " by source address, a rule of an earlier guard; "
                  + INPUT_CHAIN
                  + " drops by range bridge instead");
          if (repair) {
            iptables(
                List.of(
                    "-D",
                    "INPUT",
                    "-s",
                    drop.group(1),
                    "-m",
                    "comment",
                    "--comment",
                    "enshu range guard",
                    "-j",
                    "DROP"));
          }
        }
      }
    }

    private void chain(String chain, List<String> expected) {
      boolean exists = table.chains().contains(chain);
      List<String> found = table.rules(chain);
      if (!exists) {
        problems.add(family + ": chain " + chain + " is missing");
        fix("-N", chain, "");
      } else if (!found.equals(expected)) {
        problems.add(family + ": chain " + chain + " holds " + found + " instead of " + expected);
        fix("-F", chain, "");
      }
      if (!exists || !found.equals(expected)) {
        expected.forEach(rule -> fix("-A", chain, rule));
      }
    }

    /** The jump must be the chain's first rule, and its only jump there. */
    private void jumpFirst(String builtIn, String chain) {
      String jump = "-j " + chain;
      List<String> found = table.rules(builtIn);
      long jumps = found.stream().filter(jump::equals).count();
      if (jumps == 1 && found.get(0).equals(jump)) {
        return;
      }
      problems.add(
          family
              + ": "
              + (jumps == 0
                  ? builtIn + " does not jump to " + chain
                  : builtIn
                      + " does not jump to "
                      + chain
                      + " first and only once (its first rule: "
                      + found.get(0)
                      + ")"));
      for (long i = 0; i < jumps; i++) {
        fix("-D", builtIn, jump);
      }
      if (repair) {
        iptables(List.of("-I", builtIn, "1", "-j", chain));
      }
    }

    private void fix(String operation, String chain, String rule) {
      if (!repair) {
        return;
      }
      List<String> args = new ArrayList<>(List.of(operation, chain));
      if (!rule.isEmpty()) {
        args.addAll(Arrays.asList(rule.split(" ")));
      }
      iptables(args);
    }

    private void iptables(List<String> args) {
      List<String> command = new ArrayList<>(List.of(family, "-w"));
      command.addAll(args);
      Result result = run(command);
      if (result.exitCode() != 0) {
        throw new ProviderException(
            Status.UNAVAILABLE,
            "host guard: `"
                + String.join(" ", command)
                + "` failed with exit code "
                + result.exitCode()
                + ": "
                + result.output().strip()
                + "; the guard needs root and iptables with the physdev match (run"
                + " scripts/setup.sh as root)");
      }
    }
  }

  private String save(String family) {
    List<String> command = List.of(family + "-save", "-t", "filter");
    Result result = run(command);
    if (result.exitCode() != 0) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "host guard: `"
              + String.join(" ", command)
              + "` failed with exit code "
              + result.exitCode()
              + ": "
              + result.output().strip()
              + "; the guard needs root and iptables (run scripts/setup.sh as root)");
    }
    return result.output();
  }

  private Result run(List<String> command) {
    try {
      return commands.run(command);
    } catch (IOException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "host guard: cannot run "
              + command.get(0)
              + " ("
              + e.getMessage()
              + "); install iptables and run scripts/setup.sh as root",
          e);
    }
  }

  private void rangeBridgesWithIpv6(boolean repair, List<String> problems) {
    List<String> bridges;
    try (Stream<Path> listing = Files.list(interfaces)) {
      bridges =
          listing
              .map(p -> p.getFileName().toString())
              .filter(name -> RANGE_BRIDGE.matcher(name).matches())
              .sorted()
              .toList();
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "host guard: cannot list the interfaces in " + interfaces + ": " + e.getMessage(),
          e);
    }
    for (String bridge : bridges) {
      Path flag = ipv6Conf.resolve(bridge).resolve("disable_ipv6");
      try {
        if (Files.readString(flag, StandardCharsets.US_ASCII).strip().equals("1")) {
          continue;
        }
        problems.add(
            bridge + ": IPv6 is on, so the host has a link-local address on this range bridge");
        if (repair) {
          Files.writeString(flag, "1", StandardCharsets.US_ASCII);
        }
      } catch (NoSuchFileException e) {
        // the bridge went away with its range, or this kernel has no IPv6: nothing to turn off
      } catch (IOException e) {
        throw new ProviderException(
            Status.UNAVAILABLE,
            "host guard: cannot turn IPv6 off on range bridge "
                + bridge
                + " ("
                + flag
                + "): "
                + e.getMessage()
                + "; run as root (scripts/setup.sh)",
            e);
      }
    }
  }

  static Result exec(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "did not finish within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(-1, "interrupted");
    }
    return new Result(process.exitValue(), output);
  }
}

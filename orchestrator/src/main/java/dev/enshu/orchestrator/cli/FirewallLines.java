package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.MachineCommand;
import dev.enshu.template.Cidr;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host firewall's rules that belong to a bench's ranges, read with {@code iptables-save} and
 * {@code ip6tables-save}: every rule line that names one of the ranges' bridges or an address in
 * their block, and the rules of the product's own chains ({@code ENSHU-…}, which stay while the
 * machine runs ranges, so only their change counts).
 */
final class FirewallLines {
  private static final Pattern ADDRESS =
      Pattern.compile("(?<![0-9.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(/\\d{1,2})?");

  private FirewallLines() {}

  /** Counts of the rules: those of the ranges, and those of the product's chains. */
  record Count(long ofRanges, long ofProductChains) {}

  static Count count(Set<String> bridges, Cidr block) {
    long ranges = 0;
    long chains = 0;
    for (String family : List.of("iptables-save", "ip6tables-save")) {
      for (String line : save(family).split("\n")) {
        if (!line.startsWith("-A ")) {
          continue;
        }
        if (line.startsWith("-A ENSHU-")) {
          chains++;
        }
        if (ofRanges(line, bridges, block)) {
          ranges++;
        }
      }
    }
    return new Count(ranges, chains);
  }

  /** Whether a rule names one of the bridges, or an address or network inside the block. */
  static boolean ofRanges(String line, Set<String> bridges, Cidr block) {
    return bridges.stream().anyMatch(line::contains) || namesBlock(line, block);
  }

  private static boolean namesBlock(String line, Cidr block) {
    Matcher m = ADDRESS.matcher(line);
    while (m.find()) {
      String cidr = m.group(1) + (m.group(2) == null ? "/32" : m.group(2));
      try {
        // a rule for a wider network (all of 10/8) is no rule of the ranges
        if (block.contains(Cidr.parse(cidr))) {
          return true;
        }
      } catch (RuntimeException e) {
        // not an address after all (a version, a counter)
      }
    }
    return false;
  }

  private static String save(String command) {
    return MachineCommand.run(List.of(command), "read the host firewall's rules", 30);
  }
}

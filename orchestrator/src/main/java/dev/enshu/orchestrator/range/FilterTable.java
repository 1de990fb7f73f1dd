package dev.enshu.orchestrator.range;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filter table as {@code iptables-save -t filter} prints it: its chains and each chain's rules
 * in order, without the {@code -A CHAIN} in front.
 */
record FilterTable(Map<String, List<String>> byChain) {
  FilterTable {
    byChain = Map.copyOf(byChain);
  }

  static FilterTable parse(String save) {
    Map<String, List<String>> byChain = new LinkedHashMap<>();
    boolean filter = false;
    for (String line : save.lines().map(String::strip).toList()) {
      if (line.startsWith("*")) {
        filter = line.equals("*filter");
      } else if (!filter || line.isEmpty() || line.startsWith("#")) {
        // outside the filter table, blank or a comment: nothing to keep
      } else if (line.startsWith(":")) {
        byChain.computeIfAbsent(line.substring(1).split(" ", 2)[0], c -> new ArrayList<>());
      } else if (line.startsWith("-A ")) {
        String[] parts = line.split(" ", 3);
        byChain
            .computeIfAbsent(parts[1], c -> new ArrayList<>())
            .add(parts.length > 2 ? parts[2] : "");
      }
    }
    byChain.replaceAll((chain, rules) -> List.copyOf(rules));
    return new FilterTable(byChain);
  }

  Set<String> chains() {
    return byChain.keySet();
  }

  List<String> rules(String chain) {
    return byChain.getOrDefault(chain, List.of());
  }
}

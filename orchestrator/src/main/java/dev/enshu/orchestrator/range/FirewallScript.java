package dev.enshu.orchestrator.range;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a plan's firewall rules as the nftables script every firewall host of the range loads:
 * replies to allowed traffic pass, the rules are read in order, and whatever no rule allows is
 * logged (NFLOG group 1, forwarded to the SOC) and dropped. Only blocked traffic is logged.
 */
public final class FirewallScript {
  /** The prefix of every logged drop, which SOC analysts search for. */
  public static final String DROP_PREFIX = "enshu-fw-drop ";

  private FirewallScript() {}

  public static String render(RangePlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# firewall rules of range " + plan.rangeId() + " (template " + plan.template() + ")");
    lines.add("table inet enshu {");
    lines.add("  chain forward {");
    lines.add("    type filter hook forward priority 0; policy drop;");
    lines.add("    ct state established,related accept");
    lines.add("    meta nfproto ipv6 drop");
    for (PlannedRule rule : plan.firewall()) {
      lines.add("    " + render(rule));
    }
    lines.add("    log group 1 prefix \"" + DROP_PREFIX + "\" drop");
    lines.add("  }");
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  static String render(PlannedRule rule) {
    StringBuilder out = new StringBuilder();
    match(out, "ip saddr", rule.from());
    match(out, "ip daddr", rule.to());
    switch (rule.protocol()) {
      case "tcp", "udp" -> {
        if (rule.ports().isEmpty()) {
          out.append("meta l4proto ").append(rule.protocol()).append(' ');
        } else {
          out.append(rule.protocol())
              .append(" dport ")
              .append(set(rule.ports().stream().map(String::valueOf).toList()))
              .append(' ');
        }
      }
      case "icmp" -> out.append("meta l4proto icmp ");
      default -> {
        // any protocol
      }
    }
    if (rule.allow()) {
      out.append("accept");
    } else {
      out.append("log group 1 prefix \"").append(FirewallScript.DROP_PREFIX).append("\" drop");
    }
    String comment = rule.comment().replaceAll("[\"\\\\\\n]", " ");
    if (!comment.isBlank()) {
      out.append(" comment \"")
          .append(comment.length() > 120 ? comment.substring(0, 120) : comment)
          .append('"');
    }
    return out.toString();
  }

  private static void match(StringBuilder out, String field, List<String> networks) {
    if (networks.isEmpty() || networks.contains("0.0.0.0/0")) {
      return;
    }
    out.append(field).append(' ').append(set(networks)).append(' ');
  }

  private static String set(List<String> values) {
    return values.size() == 1
        ? values.get(0)
        : values.stream().collect(Collectors.joining(", ", "{ ", " }"));
  }
}

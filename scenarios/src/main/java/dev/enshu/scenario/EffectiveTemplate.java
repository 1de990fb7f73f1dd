package dev.enshu.scenario;

import dev.enshu.template.Firewall;
import dev.enshu.template.FirewallRule;
import dev.enshu.template.Host;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.TemplateValidator;
import dev.enshu.yaml.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A template with a scenario's overrides applied: the network the scenario really runs on. */
public final class EffectiveTemplate {
  private static final Pattern HOST_PATH = Pattern.compile("^hosts\\[(\\d+)](.*)$");
  private static final Pattern RULE_PATH = Pattern.compile("^firewall\\.rules\\[(\\d+)](.*)$");

  private EffectiveTemplate() {}

  public static RangeTemplate apply(RangeTemplate template, TemplateOverrides overrides) {
    if (overrides == null) {
      return template;
    }
    List<Host> hosts = new ArrayList<>(template.hosts());
    hosts.addAll(overrides.hostsOrEmpty());
    List<FirewallRule> rules = new ArrayList<>(overrides.rulesOrEmpty());
    rules.addAll(template.firewall().rules());
    return new RangeTemplate(
        template.id(),
        template.title(),
        template.description(),
        overrides.domain() == null ? template.domain() : overrides.domain(),
        template.addressBlock(),
        template.segments(),
        List.copyOf(hosts),
        new Firewall(List.copyOf(rules)),
        template.soc());
  }

  /**
   * Validates the effective template, placing problems of added hosts and rules at their place in
   * the scenario's {@code overrides}, and any other at the template.
   */
  static void validate(RangeTemplate base, TemplateOverrides overrides, Problems problems) {
    RangeTemplate effective = apply(base, overrides);
    int baseHosts = base.hosts().size();
    int addedRules = overrides == null ? 0 : overrides.rulesOrEmpty().size();
    TemplateValidator.validate(
        effective,
        problems.mapped(
            path -> {
              Matcher host = HOST_PATH.matcher(path);
              if (host.matches() && Integer.parseInt(host.group(1)) >= baseHosts) {
                return "overrides.hosts["
                    + (Integer.parseInt(host.group(1)) - baseHosts)
                    + "]"
                    + host.group(2);
              }
              Matcher rule = RULE_PATH.matcher(path);
              if (rule.matches() && Integer.parseInt(rule.group(1)) < addedRules) {
                return "overrides.rules[" + rule.group(1) + "]" + rule.group(2);
              }
              return path.startsWith("overrides") ? path : "overrides(" + path + ")";
            }));
  }
}

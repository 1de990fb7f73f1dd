package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.FirewallRule;
import dev.enshu.template.Host;
import java.util.List;

/**
 * Changes a scenario makes to its template: the organisation's domain, hosts added (a hospital's
 * records server), and firewall rules put before the template's own.
 */
public record TemplateOverrides(
    @JsonPropertyDescription("The organisation's DNS domain") String domain,
    @JsonPropertyDescription("Hosts added to the template") List<Host> hosts,
    @JsonPropertyDescription("Firewall rules checked before the template's")
        List<FirewallRule> rules) {

  public List<Host> hostsOrEmpty() {
    return hosts == null ? List.of() : hosts;
  }

  public List<FirewallRule> rulesOrEmpty() {
    return rules == null ? List.of() : rules;
  }
}

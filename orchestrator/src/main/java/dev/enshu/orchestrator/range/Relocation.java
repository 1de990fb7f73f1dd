package dev.enshu.orchestrator.range;

import dev.enshu.template.Cidr;
import dev.enshu.template.Ipv4;

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

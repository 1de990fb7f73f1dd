package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.template.Cidr;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirewallLinesTest {
  private static final Set<String> BRIDGES = Set.of("enshd0123456789");
  private static final Cidr BLOCK = Cidr.parse("10.96.0.0/16");

  @Test
  void aRuleNamingTheRangesBridgeIsTheRanges() {
    assertThat(
            FirewallLines.ofRanges(
                "-A DOCKER-ISOLATION-STAGE-2 -o enshd0123456789 -j DROP", BRIDGES, BLOCK))
        .isTrue();
  }

  @Test
  void aRuleForAnAddressOrNetworkInTheBlockIsTheRanges() {
    assertThat(FirewallLines.ofRanges("-A FORWARD -s 10.96.3.0/24 -j DROP", BRIDGES, BLOCK))
        .isTrue();
    assertThat(FirewallLines.ofRanges("-A INPUT -d 10.96.3.7/32 -j DROP", BRIDGES, BLOCK)).isTrue();
  }

  @Test
  void rulesOfWiderNetworksOtherBlocksAndOtherBridgesAreNot() {
    assertThat(FirewallLines.ofRanges("-A FORWARD -d 10.0.0.0/8 -j DROP", BRIDGES, BLOCK))
        .isFalse();
    assertThat(FirewallLines.ofRanges("-A FORWARD -s 10.97.0.0/24 -j DROP", BRIDGES, BLOCK))
        .isFalse();
    assertThat(FirewallLines.ofRanges("-A FORWARD -i enshdffffffffff -j DROP", BRIDGES, BLOCK))
        .isFalse();
    assertThat(FirewallLines.ofRanges("-A ENSHU-FORWARD -i ensh+ -j DROP", BRIDGES, BLOCK))
        .isFalse();
  }
}

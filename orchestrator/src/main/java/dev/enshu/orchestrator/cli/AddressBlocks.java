package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.template.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * Address blocks for a bench's ranges that no network on the engine overlaps: a leftover or another
 * tool's network is stepped around, not fought over ("Pool overlaps with other one").
 */
final class AddressBlocks {
  private AddressBlocks() {}

  static List<Cidr> free(AddressPool pool, int prefix, List<Cidr> taken, int count) {
    List<Cidr> blocks = new ArrayList<>();
    int index = 0;
    while (blocks.size() < count) {
      Cidr block = pool.block(index++, prefix);
      if (taken.stream().noneMatch(block::overlaps)) {
        blocks.add(block);
      }
    }
    return blocks;
  }
}

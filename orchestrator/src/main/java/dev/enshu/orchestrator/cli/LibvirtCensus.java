package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.MachineCommand;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import dev.enshu.template.Cidr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Domains and networks of one exercise's ranges on the libvirt hosts, by name as {@code virsh}
 * lists them, the files under the ranges' overlay directories, and their host firewall rules.
 */
final class LibvirtCensus implements RangeCensus {
  private final List<String> uris;
  private final Path rangesDir;
  private final String exercise;
  private final Cidr block;
  private final Set<String> bridges = new TreeSet<>();

  LibvirtCensus(List<String> uris, Path stateDir, RangePlan plan) {
    this.uris = uris;
    this.rangesDir = stateDir.resolve("ranges");
    this.exercise = plan.exerciseId();
    this.block = Cidr.parse(plan.addressBlock());
    plan.segments().forEach(s -> bridges.add(LibvirtRangeProvider.bridge(plan.rangeId(), s.id())));
  }

  @Override
  public Map<String, Long> count() {
    Map<String, Long> counts = new LinkedHashMap<>();
    long domains = 0;
    long networks = 0;
    for (String uri : uris) {
      domains += named(List.of("virsh", "-c", uri, "list", "--all", "--name"));
      networks += named(List.of("virsh", "-c", uri, "net-list", "--all", "--name"));
    }
    counts.put("domains", domains);
    counts.put("networks", networks);
    counts.put("disk files and directories", diskFiles());
    FirewallLines.Count rules = FirewallLines.count(bridges, block);
    counts.put("iptables rules of the range", rules.ofRanges());
    counts.put("iptables rules of ENSHU chains", rules.ofProductChains());
    return counts;
  }

  private long named(List<String> command) {
    String prefix = "enshu-" + exercise + "-";
    return Arrays.stream(MachineCommand.run(command, "list " + command.get(3), 30).split("\n"))
        .map(String::strip)
        .filter(name -> name.startsWith(prefix))
        .count();
  }

  private long diskFiles() {
    if (!Files.isDirectory(rangesDir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(rangesDir)) {
      return files
          .filter(f -> rangesDir.relativize(f).toString().startsWith(exercise + "-"))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + rangesDir, e);
    }
  }
}

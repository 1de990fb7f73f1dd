package dev.enshu.orchestrator.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The provider a range bench provisions through, shared by the benches that make ranges. */
final class BenchProviderOption {
  @Option(
      names = "--provider",
      defaultValue = "docker",
      description = "docker (default) or libvirt")
  String provider;

  @Option(
      names = "--libvirt-uri",
      split = ",",
      defaultValue = "qemu:///system",
      description = "libvirt host pool, for --provider libvirt (default ${DEFAULT-VALUE})")
  List<String> uris;
}

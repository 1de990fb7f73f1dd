package dev.enshu.orchestrator.range.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How guests are made here.
 *
 * @param stateDir base disks ({@code images/}) and each range's overlays ({@code ranges/<range>/})
 * @param kernel the guest kernel (direct kernel boot), {@code initrd} its initramfs
 * @param kernelVersion its module tree under /lib/modules, copied into each base disk
 * @param domainType {@code kvm} where /dev/kvm works, else {@code qemu} (TCG emulation)
 * @param maxGuestMemoryMb cap on a guest's memory (the plan's figure is sized for containers)
 * @param readyTimeout how long a range being made ready may go without a guest making progress
 *     (three times as long in all) before it fails
 */
public record LibvirtSettings(
    Path stateDir,
    Path kernel,
    Path initrd,
    String kernelVersion,
    String domainType,
    int maxGuestMemoryMb,
    Duration readyTimeout) {

  /** The defaults on a Debian host set up by scripts/setup-libvirt.sh. */
  public static LibvirtSettings detect() {
    String version = newestKernel();
    return new LibvirtSettings(
        Path.of("/var/lib/enshu/libvirt"),
        Path.of("/boot/vmlinuz-" + version),
        Path.of("/boot/initrd.img-" + version),
        version,
        kvmWorks() ? "kvm" : "qemu",
        256,
        Duration.ofMinutes(4));
  }

  /** The newest Debian cloud kernel in /boot (linux-image-cloud-amd64), else the newest kernel. */
  static String newestKernel() {
    try (Stream<Path> files = Files.list(Path.of("/boot"))) {
      List<String> versions =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("vmlinuz-"))
              .map(n -> n.substring("vmlinuz-".length()))
              .filter(v -> Files.isDirectory(Path.of("/lib/modules", v)))
              .sorted(
                  Comparator.comparing((String v) -> v.contains("cloud"))
                      .thenComparing(Comparator.naturalOrder()))
              .toList();
      return versions.isEmpty() ? "none" : versions.get(versions.size() - 1);
    } catch (IOException e) {
      return "none";
    }
  }

  /** KVM needs the device and the CPU's virtualisation extensions (absent on these machines). */
  static boolean kvmWorks() {
    try {
      return Files.isReadable(Path.of("/dev/kvm"))
          && Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\b(vmx|svm)\\b.*");
    } catch (IOException e) {
      return false;
    }
  }

  Path images() {
    return stateDir.resolve("images");
  }

  Path range(String rangeId) {
    return stateDir.resolve("ranges").resolve(rangeId);
  }
}

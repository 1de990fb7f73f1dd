package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import java.nio.file.Path;
import java.util.Map;
import org.w3c.dom.Element;

/** The libvirt XML of a range's networks and guests. */
final class GuestDefinition {
  private GuestDefinition() {}

  /**
   * An isolated network: no {@code <ip>} (the host machine has no address on it, so the range
   * cannot reach it) and no {@code <forward>} (no route anywhere); the bridge only switches frames
   * between the segment's guests.
   */
  static String network(RangePlan plan, RangePlan.PlannedSegment segment) {
    Xml xml = Xml.root("network");
    xml.text(xml.root(), "name", LibvirtNames.network(plan.rangeId(), segment.id()));
    Map<String, String> labels = RangeLabels.of(plan);
    labels.put(RangeLabels.SEGMENT, segment.id());
    xml.metadata(labels);
    xml.add(
        xml.root(),
        "bridge",
        "name",
        LibvirtNames.bridge(plan.rangeId(), segment.id()),
        "stp",
        "off",
        "delay",
        "0");
    return xml.write();
  }

  /**
   * A guest booted directly from the kernel, its root file system a qcow2 overlay ({@code vda}),
   * its settings a small read-only raw disk ({@code vdb}, left out of snapshots), a virtio NIC per
   * interface with the plan's MAC, the guest agent channel, a serial console and a VNC display on
   * loopback only.
   */
  static String domain(
      RangePlan plan,
      PlannedHost host,
      LibvirtSettings settings,
      Path overlay,
      Path settingsDisk,
      int memoryMb) {
    Xml xml = Xml.root("domain");
    Element domain = xml.root();
    domain.setAttribute("type", settings.domainType());
    xml.text(domain, "name", LibvirtNames.domain(plan.rangeId(), host.id()));
    xml.text(domain, "title", host.title() == null ? host.id() : host.title());
    xml.metadata(RangeLabels.of(plan, host));
    xml.text(domain, "memory", Integer.toString(memoryMb), "unit", "MiB");
    xml.text(domain, "vcpu", "1");
    Element os = xml.add(domain, "os");
    xml.text(os, "type", "hvm", "arch", "x86_64", "machine", "pc");
    xml.text(os, "kernel", settings.kernel().toString());
    xml.text(os, "initrd", settings.initrd().toString());
    xml.text(
        os,
        "cmdline",
        "console=ttyS0 root=/dev/vda rw init=/sbin/enshu-vm-init net.ifnames=0 quiet"
            + " panic=5 mitigations=off");
    if (settings.domainType().equals("qemu")) {
      // QEMU's TCG gives each guest a 1 GiB translation cache by default: more than the guest's
      // RAM. 64 MiB keeps a guest's host memory near its RAM at little cost in speed.
      Element features = xml.add(domain, "features");
      Element tcg = xml.add(features, "tcg");
      xml.text(tcg, "tb-cache", "64", "unit", "MiB");
    }
    xml.text(domain, "on_reboot", "restart");
    xml.text(domain, "on_crash", "destroy");
    Element devices = xml.add(domain, "devices");
    Element root = xml.add(devices, "disk", "type", "file", "device", "disk");
    xml.add(root, "driver", "name", "qemu", "type", "qcow2", "cache", "unsafe");
    xml.add(root, "source", "file", overlay.toString());
    xml.add(root, "target", "dev", "vda", "bus", "virtio");
    Element config = xml.add(devices, "disk", "type", "file", "device", "disk", "snapshot", "no");
    xml.add(config, "driver", "name", "qemu", "type", "raw");
    xml.add(config, "source", "file", settingsDisk.toString());
    xml.add(config, "target", "dev", "vdb", "bus", "virtio");
    xml.add(config, "readonly");
    for (PlannedHost.PlannedInterface nic : host.interfaces()) {
      Element iface = xml.add(devices, "interface", "type", "network");
      xml.add(iface, "source", "network", LibvirtNames.network(plan.rangeId(), nic.segment()));
      xml.add(iface, "mac", "address", nic.mac());
      xml.add(iface, "model", "type", "virtio");
    }
    Element serial = xml.add(devices, "serial", "type", "pty");
    xml.add(serial, "target", "port", "0");
    // the console's output is also kept on disk, for the readiness error and the after-action
    // review
    xml.add(
        serial,
        "log",
        "file",
        overlay.resolveSibling(host.id() + ".console.log").toString(),
        "append",
        "off");
    Element console = xml.add(devices, "console", "type", "pty");
    xml.add(console, "target", "type", "serial", "port", "0");
    Element agent = xml.add(devices, "channel", "type", "unix");
    xml.add(agent, "target", "type", "virtio", "name", "org.qemu.guest_agent.0");
    xml.add(devices, "graphics", "type", "vnc", "autoport", "yes", "listen", "127.0.0.1");
    xml.add(devices, "memballoon", "model", "none");
    return xml.write();
  }

  /** An internal snapshot of disk and memory: reverting resumes the guest where it was. */
  static String snapshot(String name) {
    Xml xml = Xml.root("domainsnapshot");
    xml.text(xml.root(), "name", name);
    xml.text(xml.root(), "description", "enshu snapshot " + name);
    return xml.write();
  }
}

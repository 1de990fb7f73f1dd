package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Snapshot and revert of one guest with internal qcow2 snapshots of disk and memory: a revert
 * resumes the guest in the kept state (no boot), which takes well under a second plus the readiness
 * check.
 */
final class LibvirtSnapshots {
  private final LibvirtInventory inventory;
  private final LibvirtReadiness readiness;

  LibvirtSnapshots(LibvirtInventory inventory, LibvirtReadiness readiness) {
    this.inventory = inventory;
    this.readiness = readiness;
  }

  void snapshot(HostRef ref, String name) {
    Domain d = inventory.guest(ref).domain();
    try {
      if (Arrays.asList(d.snapshotListNames()).contains(name)) {
        d.snapshotLookupByName(name).delete(0);
      }
      d.snapshotCreateXML(GuestDefinition.snapshot(name));
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.INTERNAL, "snapshot '" + name + "' of " + ref + " failed: " + e.getMessage(), e);
    }
  }

  void revert(HostRef ref, String name) {
    Domain d = inventory.guest(ref).domain();
    try {
      if (!Arrays.asList(d.snapshotListNames()).contains(name)) {
        throw new ProviderException(
            Status.NOT_FOUND,
            ref
                + " has no snapshot '"
                + name
                + "' (it has "
                + Arrays.toString(d.snapshotListNames())
                + ")");
      }
      d.revertToSnapshot(d.snapshotLookupByName(name));
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.INTERNAL, "revert of " + ref + " to '" + name + "' failed: " + e.getMessage(), e);
    }
    readiness.await(ref.rangeId(), Map.of(ref.hostId(), d), Duration.ofSeconds(60));
  }
}

package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Removes a range from every host of the pool: guests, then networks, then its disks. */
final class LibvirtTeardown {
  /** VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY: the disks go with the overlays anyway. */
  private static final int SNAPSHOT_METADATA_ONLY = 4;

  private final HostPool pool;
  private final LibvirtInventory inventory;
  private final LibvirtSettings settings;

  LibvirtTeardown(HostPool pool, LibvirtInventory inventory, LibvirtSettings settings) {
    this.pool = pool;
    this.inventory = inventory;
    this.settings = settings;
  }

  /** Idempotent: what is already gone is skipped. */
  void destroy(String rangeId) {
    List<String> failures = new ArrayList<>();
    for (LibvirtConnection host : pool.hosts()) {
      List<ProviderResource> owned;
      try {
        owned = inventory.list(host).stream().filter(r -> rangeId.equals(r.rangeId())).toList();
      } catch (ProviderException | LibvirtException e) {
        continue; // a host that is down keeps what it has; destroy again once it is back
      }
      Connect c = host.connect();
      for (ProviderResource r : owned) {
        if (r.kind().equals("domain")) {
          try {
            Domain d = c.domainLookupByName(r.name());
            for (String snapshot : d.snapshotListNames()) {
              try {
                d.snapshotLookupByName(snapshot).delete(SNAPSHOT_METADATA_ONLY);
              } catch (LibvirtException e) {
                // listed a moment ago, gone now (a revert replaced it): nothing left to remove
              }
            }
            d.destroy();
          } catch (LibvirtException e) {
            failures.add(r.name() + ": " + e.getMessage());
          }
        }
      }
      for (ProviderResource r : owned) {
        if (r.kind().equals("network")) {
          try {
            c.networkLookupByName(r.name()).destroy();
          } catch (LibvirtException e) {
            failures.add(r.name() + ": " + e.getMessage());
          }
        }
      }
    }
    deleteTree(settings.range(rangeId));
    if (!failures.isEmpty()) {
      throw new ProviderException(
          Status.INTERNAL, "destroying range " + rangeId + " left " + String.join("; ", failures));
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new ProviderException(Status.INTERNAL, "cannot delete the disks in " + dir, e);
    }
  }
}

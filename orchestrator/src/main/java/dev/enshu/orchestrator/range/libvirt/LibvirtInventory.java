package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * Finds what the provider owns on every host of the pool by the Enshu element in libvirt metadata,
 * so that a restarted orchestrator finds its ranges without any state of its own.
 */
final class LibvirtInventory {
  private final HostPool pool;

  LibvirtInventory(HostPool pool) {
    this.pool = pool;
  }

  /** A guest of a range and the host it runs on. */
  record Guest(LibvirtConnection host, Domain domain, String name) {}

  List<ProviderResource> list() {
    List<ProviderResource> resources = new ArrayList<>();
    for (LibvirtConnection host : pool.hosts()) {
      try {
        resources.addAll(list(host));
      } catch (ProviderException | LibvirtException e) {
        // a host that is down owns nothing we can see now; probe() reports it
      }
    }
    return resources;
  }

  List<ProviderResource> list(LibvirtConnection host) throws LibvirtException {
    List<ProviderResource> resources = new ArrayList<>();
    Connect c = host.connect();
    for (int id : c.listDomains()) {
      try {
        Domain d = c.domainLookupByID(id);
        String name = d.getName();
        if (name.startsWith(LibvirtNames.PREFIX)) {
          String uuid = d.getUUIDString();
          Optional<Map<String, String>> labels = Xml.labels(d.getXMLDesc(0));
          labels
              .filter(l -> "true".equals(l.get(RangeLabels.MANAGED)))
              .ifPresent(
                  l ->
                      resources.add(
                          new ProviderResource("domain", uuid, name, l.get(RangeLabels.RANGE), l)));
        }
      } catch (LibvirtException e) {
        // gone meanwhile
      }
    }
    for (String name : c.listNetworks()) {
      if (!name.startsWith(LibvirtNames.PREFIX)) {
        continue;
      }
      try {
        Network n = c.networkLookupByName(name);
        String uuid = n.getUUIDString();
        Xml.labels(n.getXMLDesc(0))
            .filter(l -> "true".equals(l.get(RangeLabels.MANAGED)))
            .ifPresent(
                l ->
                    resources.add(
                        new ProviderResource("network", uuid, name, l.get(RangeLabels.RANGE), l)));
      } catch (LibvirtException e) {
        // gone meanwhile
      }
    }
    return resources;
  }

  Guest guest(HostRef ref) {
    String name = LibvirtNames.domain(ref.rangeId(), ref.hostId());
    for (LibvirtConnection host : pool.hosts()) {
      try {
        Domain d = host.connect().domainLookupByName(name);
        return new Guest(host, d, name);
      } catch (ProviderException | LibvirtException e) {
        // not on this host
      }
    }
    throw new ProviderException(
        Status.NOT_FOUND, ref + " does not exist on any libvirt host (no domain " + name + ")");
  }
}

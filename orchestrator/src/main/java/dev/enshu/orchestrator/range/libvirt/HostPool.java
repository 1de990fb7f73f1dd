package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

/**
 * The hypervisor hosts a provider may use, and where a range goes: a range is placed whole on the
 * host with the most free memory among those that have enough memory and vCPUs for it. A host that
 * is down is skipped with its reason; when no host fits, the error names what each one lacks.
 */
public final class HostPool implements AutoCloseable {
  /** Host memory a guest costs beyond its own RAM (QEMU under TCG, measured about 80 MiB). */
  static final long OVERHEAD_MIB = 96;

  private final List<LibvirtConnection> hosts;
  private final int vcpuOvercommit;

  public HostPool(List<LibvirtConnection> hosts, int vcpuOvercommit) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a libvirt host pool needs at least one host URI");
    }
    this.hosts = List.copyOf(hosts);
    this.vcpuOvercommit = vcpuOvercommit;
  }

  public static HostPool of(List<String> uris) {
    return new HostPool(uris.stream().map(LibvirtConnection::to).toList(), 8);
  }

  public List<LibvirtConnection> hosts() {
    return hosts;
  }

  /** The pool's host of {@code uri}; NOT_FOUND naming the pool's hosts when there is none. */
  public LibvirtConnection host(String uri) {
    return hosts.stream()
        .filter(h -> h.uri().equals(uri))
        .findFirst()
        .orElseThrow(
            () ->
                new ProviderException(
                    Status.NOT_FOUND,
                    "no libvirt host " + uri + " in the pool " + hosts + " (enshu.libvirt.uris)"));
  }

  /** The capacity a host has left now. */
  public record Capacity(String uri, long freeMib, int freeVcpus) {}

  /** What a range needs. */
  public record Demand(long memoryMib, int vcpus) {}

  /** Where a range goes and which hosts were passed over, with why. */
  public record Placement(LibvirtConnection host, Capacity capacity, List<String> skipped) {}

  public Placement place(String rangeId, Demand demand) {
    List<String> reasons = new ArrayList<>();
    LibvirtConnection best = null;
    Capacity bestCapacity = null;
    for (LibvirtConnection host : hosts) {
      Capacity capacity;
      try {
        capacity = capacity(host);
      } catch (ProviderException | LibvirtException e) {
        reasons.add(host.uri() + " is down: " + e.getMessage());
        continue;
      }
      List<String> missing = new ArrayList<>();
      if (capacity.freeMib() < demand.memoryMib()) {
        missing.add(demand.memoryMib() + " MiB of memory (" + capacity.freeMib() + " MiB free)");
      }
      if (capacity.freeVcpus() < demand.vcpus()) {
        missing.add(demand.vcpus() + " vCPUs (" + capacity.freeVcpus() + " free)");
      }
      if (!missing.isEmpty()) {
        reasons.add(host.uri() + " lacks " + String.join(" and ", missing));
      } else if (bestCapacity == null || capacity.freeMib() > bestCapacity.freeMib()) {
        if (best != null) {
          reasons.add(best.uri() + " has less free memory than " + host.uri());
        }
        best = host;
        bestCapacity = capacity;
      } else {
        reasons.add(host.uri() + " has less free memory than " + best.uri());
      }
    }
    if (best == null) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "no libvirt host can take range "
              + rangeId
              + " (it needs "
              + demand.memoryMib()
              + " MiB of memory and "
              + demand.vcpus()
              + " vCPUs): "
              + String.join("; ", reasons));
    }
    return new Placement(best, bestCapacity, List.copyOf(reasons));
  }

  /** Free memory as the host reports it; vCPUs: cores times the overcommit, minus running ones. */
  Capacity capacity(LibvirtConnection host) throws LibvirtException {
    Connect c = host.connect();
    NodeInfo node = c.nodeInfo();
    long freeMib = c.getFreeMemory() / (1024 * 1024);
    int used = 0;
    for (int id : c.listDomains()) {
      try {
        used += c.domainLookupByID(id).getInfo().nrVirtCpu;
      } catch (LibvirtException e) {
        // the domain went away meanwhile
      }
    }
    return new Capacity(host.uri(), freeMib, node.cpus * vcpuOvercommit - used);
  }

  @Override
  public void close() {
    hosts.forEach(LibvirtConnection::close);
  }
}

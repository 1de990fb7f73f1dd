package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import java.util.ArrayList;
import java.util.List;

/** Asks each provider in turn; the first that knows the host answers. */
final class ProviderConsoleEndpoints implements ConsoleEndpoints {
  private final List<RangeProvider> providers;

  ProviderConsoleEndpoints(List<RangeProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  @Override
  public RangeProvider.ConsoleEndpoint endpoint(ConsoleTarget target) {
    List<String> reasons = new ArrayList<>();
    for (RangeProvider provider : providers) {
      try {
        return provider.console(target.hostRef());
      } catch (EnshuException e) {
        reasons.add(provider.id() + ": " + e.getMessage());
      }
    }
    throw new EnshuException(
        Status.NOT_FOUND, "no provider has a console for " + target + " " + reasons);
  }

  /** A libvirt guest's VNC display; otherwise the host's own endpoint. */
  @Override
  public RangeProvider.ConsoleEndpoint vnc(ConsoleTarget target) {
    List<String> reasons = new ArrayList<>();
    for (RangeProvider provider : providers) {
      try {
        return provider instanceof LibvirtRangeProvider libvirt
            ? libvirt.vnc(target.hostRef())
            : provider.console(target.hostRef());
      } catch (EnshuException e) {
        reasons.add(provider.id() + ": " + e.getMessage());
      }
    }
    throw new EnshuException(
        Status.NOT_FOUND, "no provider has a display for " + target + " " + reasons);
  }
}

package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.RangeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The provider that owns the host's range (by the resources it lists with the range's labels)
 * answers; when none lists the range, each provider is asked in turn and the first that knows the
 * host answers (a provider may name a console without checking that the host exists).
 */
final class ProviderConsoleEndpoints implements ConsoleEndpoints {
  private final List<RangeProvider> providers;

  ProviderConsoleEndpoints(List<RangeProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  @Override
  public ConsoleEndpoint endpoint(ConsoleTarget target) {
    return ask(target, "console", provider -> provider.console(target.hostRef()));
  }

  /** The host's display beside its console (a VM's VNC), or else the host's own endpoint. */
  @Override
  public ConsoleEndpoint vnc(ConsoleTarget target) {
    return ask(
        target,
        "display",
        provider ->
            provider
                .display(target.hostRef())
                .<ConsoleEndpoint>map(display -> display)
                .orElseGet(() -> provider.console(target.hostRef())));
  }

  private ConsoleEndpoint ask(
      ConsoleTarget target,
      String what,
      java.util.function.Function<RangeProvider, ConsoleEndpoint> question) {
    List<RangeProvider> order = new ArrayList<>(providers);
    owner(target)
        .ifPresent(
            p -> {
              order.remove(p);
              order.add(0, p);
            });
    List<String> reasons = new ArrayList<>();
    for (RangeProvider provider : order) {
      try {
        return question.apply(provider);
      } catch (EnshuException e) {
        reasons.add(provider.id() + ": " + e.getMessage());
      }
    }
    throw new EnshuException(
        Status.NOT_FOUND, "no provider has a " + what + " for " + target + " " + reasons);
  }

  private Optional<RangeProvider> owner(ConsoleTarget target) {
    if (providers.size() < 2) {
      return Optional.empty();
    }
    for (RangeProvider provider : providers) {
      try {
        if (provider.list().stream().anyMatch(r -> target.rangeId().equals(r.rangeId()))) {
          return Optional.of(provider);
        }
      } catch (RuntimeException e) {
        // a provider that cannot list now owns nothing we can see; asked in turn below
      }
    }
    return Optional.empty();
  }
}

package dev.enshu.orchestrator.range;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ensures the {@link HostGuard} when the server starts, before ranges are adopted, and every {@code
 * enshu.guard.interval} (15 s by default): a firewall reload or an engine restart rewrites the
 * host's chains, and each repair is logged as a warning. It acts only on a server with a provider
 * whose ranges live on this machine (docker, libvirt) and without the in-memory provider, which
 * marks a test or benchmark server; {@code enshu.guard.enabled=false} turns it off.
 */
@Component
public class HostGuardSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(HostGuardSchedule.class);
  private static final Set<String> GUARDED = Set.of("docker", "libvirt");

  private final HostGuard guard;
  private final boolean active;

  @Autowired
  public HostGuardSchedule(
      Providers providers, @Value("${enshu.guard.enabled:true}") boolean enabled) {
    this(HostGuard.local(), providers, enabled);
  }

  HostGuardSchedule(HostGuard guard, Providers providers, boolean enabled) {
    this.guard = guard;
    Set<String> ids = providers.all().keySet();
    this.active = enabled && ids.stream().anyMatch(GUARDED::contains) && !ids.contains("memory");
    if (!active) {
      LOG.info(
          "host guard off: {}",
          enabled
              ? "providers " + ids + " (the in-memory provider marks a test server)"
              : "enshu.guard.enabled=false");
    }
  }

  public boolean active() {
    return active;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(-1)
  void atStart() {
    ensure("at start");
  }

  @Scheduled(
      initialDelayString = "${enshu.guard.interval:15s}",
      fixedDelayString = "${enshu.guard.interval:15s}")
  void periodically() {
    ensure("periodic check");
  }

  /** Before the ranges of {@code provider} are adopted after a restart. */
  public void beforeAdopting(RangeProvider provider) {
    if (GUARDED.contains(provider.id())) {
      ensure("before adopting the ranges of provider " + provider.id());
    }
  }

  /** The problems repaired; a guard that cannot be ensured is logged as an error, not thrown. */
  int ensure(String when) {
    if (!active) {
      return 0;
    }
    try {
      var repaired = guard.ensure();
      repaired.forEach(problem -> LOG.warn("host guard repaired ({}): {}", when, problem));
      return repaired.size();
    } catch (RuntimeException e) {
      LOG.error("host guard could not be ensured ({}): {}", when, e.getMessage());
      return -1;
    }
  }
}

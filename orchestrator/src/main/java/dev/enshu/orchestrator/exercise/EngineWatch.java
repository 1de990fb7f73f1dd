package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangeProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code enshu.engine-watch.interval} (2 s by default) asks each provider how often its
 * engine has come back ({@link RangeProvider#engineReturns()}); when the count has changed and the
 * engine answers, {@link Reconciliation#afterEngineReturned} checks the provider's ranges. An
 * engine still away is asked again at the next look.
 */
@Component
class EngineWatch {
  private static final Logger LOG = LoggerFactory.getLogger(EngineWatch.class);

  private final Providers providers;
  private final Reconciliation reconciliation;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  EngineWatch(Providers providers, Reconciliation reconciliation) {
    this.providers = providers;
    this.reconciliation = reconciliation;
  }

  @Scheduled(
      initialDelayString = "${enshu.engine-watch.interval:2s}",
      fixedDelayString = "${enshu.engine-watch.interval:2s}")
  void look() {
    for (RangeProvider provider : providers.all().values()) {
      try {
        look(provider);
      } catch (RuntimeException e) {
        LOG.warn("checking provider {} after its engine returned failed: {}", provider.id(), e);
      }
    }
  }

  private void look(RangeProvider provider) {
    long returns = provider.engineReturns();
    Long before = seen.putIfAbsent(provider.id(), returns);
    if (before == null || before == returns || !provider.probe().available()) {
      return;
    }
    LOG.info("the engine of provider {} is back; checking its ranges", provider.id());
    reconciliation.afterEngineReturned(provider);
    seen.put(provider.id(), returns);
  }
}

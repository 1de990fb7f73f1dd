package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.range.RangePlan;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans of running ranges, by range id, from which Guacamole connections are derived. The
 * exercise feature will provide the real one; until then ranges are registered here by whoever
 * provisions them (tests, the bench). Thread-safe.
 */
public interface ConsoleRangePlans {
  Optional<RangePlan> plan(String rangeId);

  /** Plans registered by hand. */
  final class Registered implements ConsoleRangePlans {
    private final Map<String, RangePlan> plans = new ConcurrentHashMap<>();

    public void register(RangePlan plan) {
      plans.put(plan.rangeId(), plan);
    }

    public void remove(String rangeId) {
      plans.remove(rangeId);
    }

    @Override
    public Optional<RangePlan> plan(String rangeId) {
      return Optional.ofNullable(plans.get(rangeId));
    }
  }
}

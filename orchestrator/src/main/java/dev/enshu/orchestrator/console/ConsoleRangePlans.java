package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.range.RangePlan;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans of running ranges, by range id: Guacamole connections are derived from them and console
 * decisions read host roles and segments from them. The server's comes from its exercises; ranges
 * outside any exercise (tests, the bench) are registered by hand. Thread-safe.
 */
public interface ConsoleRangePlans {
  /** The plan of the range {@code target} is in. */
  Optional<RangePlan> plan(ConsoleTarget target);

  /** Plans registered by hand, then those {@code elsewhere} knows (the exercises' ranges). */
  final class Registered implements ConsoleRangePlans {
    private final Map<String, RangePlan> plans = new ConcurrentHashMap<>();
    private final ConsoleRangePlans elsewhere;

    public Registered() {
      this(target -> Optional.empty());
    }

    public Registered(ConsoleRangePlans elsewhere) {
      this.elsewhere = elsewhere;
    }

    public void register(RangePlan plan) {
      plans.put(plan.rangeId(), plan);
    }

    public void remove(String rangeId) {
      plans.remove(rangeId);
    }

    @Override
    public Optional<RangePlan> plan(ConsoleTarget target) {
      RangePlan plan = plans.get(target.rangeId());
      return plan != null ? Optional.of(plan) : elsewhere.plan(target);
    }
  }
}

package dev.enshu.orchestrator.range.memory;

import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProviderContract;

/** The in-memory provider meets the contract's parts that need no real hosts. */
class InMemoryRangeProviderTest extends RangeProviderContract {
  private final InMemoryRangeProvider engine = new InMemoryRangeProvider();

  @Override
  protected RangeProvider createProvider() {
    return engine;
  }

  /**
   * The in-memory engine lives inside the provider object, so a restarted orchestrator in the same
   * process (as the benchmarks run it) sees that same object.
   */
  @Override
  protected RangeProvider createAnotherProvider() {
    return engine;
  }
}

package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void percentilesAreNearestRankInMilliseconds() {
    Latencies l = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      l.add(ms * 1_000_000L);
    }
    assertThat(l.percentile(50)).isEqualTo(50.0);
    assertThat(l.percentile(99)).isEqualTo(99.0);
    assertThat(l.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void aSliceKeepsTheMeasuredOrder() {
    Latencies l = new Latencies();
    for (int ms = 1; ms <= 20; ms++) {
      l.add(ms * 1_000_000L);
    }
    assertThat(l.slice(0, 10).maxMillis()).isEqualTo(10.0);
    assertThat(l.slice(10, 20).percentile(50)).isEqualTo(15.0);
    assertThat(new Latencies().percentile(50)).isZero();
  }
}

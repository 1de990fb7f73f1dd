package dev.enshu.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpanTest {
  @Test
  void readsHoursMinutesAndSeconds() {
    assertThat(Span.parse("1h30m").duration()).isEqualTo(Duration.ofMinutes(90));
    assertThat(Span.parse("45s").duration()).isEqualTo(Duration.ofSeconds(45));
    assertThat(Span.parse("2h5m10s").toString()).isEqualTo("2h5m10s");
  }

  @Test
  void rejectsOtherForms() {
    assertThatThrownBy(() -> Span.parse("10 minutes")).hasMessageContaining("'10 minutes'");
    assertThatThrownBy(() -> Span.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Span.parse("m")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTimesTooLongToCount() {
    // 2562047788015216h is more seconds than a long holds: it wrapped round to a negative time
    assertThat(Span.parse("2562047788015215h").duration().isNegative()).isFalse();
    assertThatThrownBy(() -> Span.parse("2562047788015216h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected a time such as 45m, 1h30m or 90s, found '2562047788015216h', which is too"
                + " long");
    assertThatThrownBy(() -> Span.parse("99999999999999999999s"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

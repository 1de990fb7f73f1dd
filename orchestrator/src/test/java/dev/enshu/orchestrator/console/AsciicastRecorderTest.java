package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsciicastRecorderTest {
  @TempDir Path dir;

  @Test
  void charactersSplitBetweenReadsAreRecordedWholeWithTheirTimes() {
    AtomicLong nanos = new AtomicLong();
    Path file = dir.resolve("s.cast");
    byte[] text = "演習 ok\r\n".getBytes(StandardCharsets.UTF_8);
    try (AsciicastRecorder recorder =
        new AsciicastRecorder(
            file, 80, 24, Instant.ofEpochSecond(1_700_000_000), "t", nanos::get)) {
      nanos.set(1_500_000_000L);
      recorder.output(Arrays.copyOfRange(text, 0, 2)); // half of 演
      nanos.set(2_000_000_000L);
      recorder.output(Arrays.copyOfRange(text, 2, text.length));
      recorder.resize(100, 30);
    }
    Asciicast cast = Asciicast.read(file);
    assertThat(cast.width()).isEqualTo(80);
    assertThat(cast.timestamp()).isEqualTo(1_700_000_000L);
    assertThat(cast.events())
        .containsExactly(
            new Asciicast.Event(2.0, "o", "演習 ok\r\n"), new Asciicast.Event(2.0, "r", "100x30"));
    assertThat(cast.output()).isEqualTo("演習 ok\r\n");
  }
}

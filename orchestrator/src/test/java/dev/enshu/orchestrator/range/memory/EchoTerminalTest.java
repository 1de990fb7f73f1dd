package dev.enshu.orchestrator.range.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.range.TerminalInput;
import dev.enshu.orchestrator.range.TerminalTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The in-memory provider's line shell: echoes keys, a new prompt per line, ends once. */
class EchoTerminalTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final List<String> ended = new CopyOnWriteArrayList<>();
  private final TerminalTransport.Output output =
      new TerminalTransport.Output() {
        @Override
        public void data(byte[] bytes) {
          synchronized (screen) {
            screen.writeBytes(bytes);
          }
        }

        @Override
        public void ended(String reason) {
          ended.add(reason);
        }
      };

  private String screen() {
    synchronized (screen) {
      return screen.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void echoesWhatIsTypedAndPromptsAgainAfterEachLine() {
    TerminalInput input = new TerminalInput(4);
    TerminalTransport.Terminal terminal = new EchoTerminal("r1/pc").open(80, 24, input, output);
    input.offer("ps".getBytes(StandardCharsets.UTF_8));
    input.offer("\r".getBytes(StandardCharsets.UTF_8));
    input.offer("確認".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(10)).until(() -> screen().equals("$ ps\r\n$ 確認"));
    terminal.close();
    terminal.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> !ended.isEmpty());
    assertThat(ended).containsExactly("closed by the gateway");
    assertThatThrownBy(() -> input.offer(new byte[] {'x'}))
        .isInstanceOf(EnshuException.class)
        .hasMessageContaining("closed");
  }
}

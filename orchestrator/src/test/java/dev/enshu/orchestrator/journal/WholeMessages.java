package dev.enshu.orchestrator.journal;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket listener that puts each whole text message in a queue: the client may deliver a
 * message in parts, which must be joined before the message is read.
 */
public class WholeMessages implements WebSocket.Listener {
  private final BlockingQueue<String> received;
  private final StringBuilder message = new StringBuilder();

  public WholeMessages(BlockingQueue<String> received) {
    this.received = received;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    message.append(data);
    if (last) {
      received.add(message.toString());
      message.setLength(0);
    }
    ws.request(1);
    return null;
  }
}

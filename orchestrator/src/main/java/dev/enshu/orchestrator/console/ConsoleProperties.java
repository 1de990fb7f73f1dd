package dev.enshu.orchestrator.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the console gateway, under {@code enshu.console}.
 *
 * @param idleTimeout a session without input for this long is closed
 * @param sendBufferBytes how much output may wait for one slow browser before it is disconnected
 * @param sendTimeLimit how long one send to a browser may block before it is disconnected
 * @param inputQueueChunks how many input messages may wait for a host before input is refused
 * @param recordingsDir where asciicast recordings are written
 * @param guacd where guacd listens, for the guacamole transport
 * @param guacamole credentials and ports for guacamole connections, by protocol
 */
@ConfigurationProperties("enshu.console")
public record ConsoleProperties(
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("1048576") int sendBufferBytes,
    @DefaultValue("10s") Duration sendTimeLimit,
    @DefaultValue("256") int inputQueueChunks,
    @DefaultValue("./data/recordings") Path recordingsDir,
    @DefaultValue Guacd guacd,
    Map<String, GuacamoleDefaults> guacamole) {

  public ConsoleProperties {
    guacamole = guacamole == null ? Map.of() : Map.copyOf(guacamole);
  }

  /** Where guacd listens. */
  public record Guacd(@DefaultValue("127.0.0.1") String host, @DefaultValue("4822") int port) {}

  /** Connection settings of one Guacamole protocol ({@code rdp}, {@code ssh}, {@code vnc}). */
  public record GuacamoleDefaults(
      Integer port, String username, String password, Map<String, String> parameters) {
    public GuacamoleDefaults {
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }
}

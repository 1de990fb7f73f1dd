package dev.enshu.orchestrator.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param users the stand-in user list (token, name, role, team, venue) until real authentication
 * @param venues the teams of each venue, for assistants
 */
@ConfigurationProperties("enshu.console")
public record ConsoleProperties(
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("1048576") int sendBufferBytes,
    @DefaultValue("10s") Duration sendTimeLimit,
    @DefaultValue("256") int inputQueueChunks,
    @DefaultValue("./data/recordings") Path recordingsDir,
    @DefaultValue Guacd guacd,
    Map<String, GuacamoleDefaults> guacamole,
    List<User> users,
    Map<String, List<Integer>> venues) {

  public ConsoleProperties {
    guacamole = guacamole == null ? Map.of() : Map.copyOf(guacamole);
    users = users == null ? List.of() : List.copyOf(users);
    venues = venues == null ? Map.of() : Map.copyOf(venues);
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

  /** A configured user: {@code role} is instructor, assistant, trainee or observer. */
  public record User(String token, String name, String role, Integer team, String venue) {}
}

package dev.enshu.orchestrator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo defender's shell programs, read once from {@code /demo/NAME.sh} on the class path
 * (checked by shellcheck in the build). A script's values go to it as positional arguments, never
 * into its text: what the defender reads from range logs is written there by the range's users.
 */
final class DemoScripts {
  static final String BEACONS = "beacons";
  static final String BLOCK_DOMAIN = "block-domain";
  static final String DHCP_LEASE = "dhcp-lease";
  static final String STOP_IMPLANT = "stop-implant";
  static final String SMB_AUDIT = "smb-audit";
  static final String DISABLE_ACCOUNT = "disable-account";
  private static final List<String> NAMES =
      List.of(BEACONS, BLOCK_DOMAIN, DHCP_LEASE, STOP_IMPLANT, SMB_AUDIT, DISABLE_ACCOUNT);

  private final Map<String, String> texts;

  private DemoScripts(Map<String, String> texts) {
    this.texts = Map.copyOf(texts);
  }

  /** Reads every script; fails naming each one that is missing. */
  static DemoScripts load() {
    return load("/demo/", NAMES);
  }

  static DemoScripts load(String folder, List<String> names) {
    Map<String, String> texts = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      String resource = folder + name + ".sh";
      try (InputStream in = DemoScripts.class.getResourceAsStream(resource)) {
        if (in == null) {
          missing.add(resource);
        } else {
          texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read demo script " + resource, e);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "demo scripts missing from the class path: "
              + String.join(", ", missing)
              + " (they are built from orchestrator/src/main/resources/demo)");
    }
    return new DemoScripts(texts);
  }

  /**
   * The command that runs script {@code name} with {@code args} as {@code $1, $2, ...}, each one
   * argument as it is, whatever it holds.
   */
  List<String> command(String name, String... args) {
    String text = texts.get(name);
    if (text == null) {
      throw new IllegalArgumentException("no demo script '" + name + "'; there are " + NAMES);
    }
    List<String> command = new ArrayList<>(List.of("bash", "-c", text, name + ".sh"));
    command.addAll(List.of(args));
    return List.copyOf(command);
  }
}

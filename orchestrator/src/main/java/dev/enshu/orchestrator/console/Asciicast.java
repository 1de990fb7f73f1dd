package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded terminal session read back from its asciicast v2 file, for playback in the
 * after-action review.
 */
public record Asciicast(int width, int height, long timestamp, String title, List<Event> events) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One event: {@code code} is {@code o} (output) or {@code r} (resize). */
  public record Event(double time, String code, String data) {}

  /** Reads and checks a recording. */
  public static Asciicast read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EnshuException(Status.NOT_FOUND, "cannot read the recording " + file, e);
    }
    if (lines.isEmpty()) {
      throw new EnshuException(Status.INTERNAL, "recording " + file + " is empty: no header");
    }
    JsonNode header = JSON.readTree(lines.get(0));
    if (header.path("version").asInt() != 2) {
      throw new EnshuException(
          Status.INTERNAL,
          "recording " + file + ": expected asciicast version 2, found " + header.path("version"));
    }
    List<Event> events = new ArrayList<>();
    double last = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode e = JSON.readTree(lines.get(i));
      double time = e.get(0).asDouble();
      if (time < last) {
        throw new EnshuException(
            Status.INTERNAL,
            "recording "
                + file
                + " line "
                + (i + 1)
                + ": time goes back from "
                + last
                + " to "
                + time);
      }
      last = time;
      events.add(new Event(time, e.get(1).asString(), e.get(2).asString()));
    }
    return new Asciicast(
        header.path("width").asInt(),
        header.path("height").asInt(),
        header.path("timestamp").asLong(),
        header.path("title").asString(""),
        List.copyOf(events));
  }

  /** Everything the terminal showed, in order: what a player writes to its screen. */
  public String output() {
    StringBuilder all = new StringBuilder();
    for (Event e : events) {
      if ("o".equals(e.code())) {
        all.append(e.data());
      }
    }
    return all.toString();
  }

  /** How long the session lasted, by its last event. */
  public double duration() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).time();
  }
}

package dev.enshu.orchestrator.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a terminal session as an asciicast v2 file: a header line, then one {@code [time, "o",
 * text]} line per output chunk and {@code [time, "r", "COLSxROWS"]} per resize. Output bytes are
 * decoded as UTF-8 across chunk boundaries, so a character split between two reads is written
 * whole. Not thread-safe: the session calls it under its own lock.
 */
final class AsciicastRecorder implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final BufferedWriter out;
  private final LongSupplier nanos;
  private final long startNanos;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private boolean closed;

  AsciicastRecorder(
      Path file, int cols, int rows, Instant start, String title, LongSupplier nanos) {
    this.file = file;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
    try {
      Files.createDirectories(file.getParent());
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("version", 2);
      header.put("width", cols);
      header.put("height", rows);
      header.put("timestamp", start.getEpochSecond());
      header.put("title", title);
      header.put("env", Map.of("TERM", "xterm-256color", "SHELL", "/bin/bash"));
      line(JSON.writeValueAsString(header));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording " + file, e);
    }
  }

  Path file() {
    return file;
  }

  void output(byte[] bytes) {
    if (closed) {
      return;
    }
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
    in.put(pending).put(bytes).flip();
    CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, chars, false);
    pending = in.slice();
    chars.flip();
    if (chars.hasRemaining()) {
      event("o", chars.toString());
    }
  }

  void resize(int cols, int rows) {
    if (!closed) {
      event("r", cols + "x" + rows);
    }
  }

  private void event(String code, String data) {
    double seconds = Math.round((nanos.getAsLong() - startNanos) / 1_000.0) / 1_000_000.0;
    line(JSON.writeValueAsString(List.of(seconds, code, data)));
  }

  private void line(String json) {
    try {
      out.write(json);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording " + file, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (pending.hasRemaining()) {
        event("o", "\uFFFD");
      }
      closed = true;
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the recording " + file, e);
    }
  }
}

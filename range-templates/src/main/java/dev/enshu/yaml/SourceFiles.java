package dev.enshu.yaml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the text of a template or scenario file. A file that cannot be read, is too large or is not
 * UTF-8 is an {@link InvalidDocumentException}; bytes that are not UTF-8 are placed at their line.
 */
public final class SourceFiles {
  private SourceFiles() {}

  /** The text of {@code file}, which must be UTF-8 and at most {@link YamlDocument#MAX_CHARS}. */
  public static String read(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      // UTF-8 takes at most four bytes a character: a larger file has too many characters
      if (size > 4L * YamlDocument.MAX_CHARS) {
        throw invalid(
            name,
            1,
            "the file is "
                + size
                + " bytes, more than the "
                + YamlDocument.MAX_CHARS
                + " characters a file may have");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw invalid(name, 0, "cannot read the file: " + e.getMessage());
    }
    return decode(name, bytes);
  }

  private static String decode(String name, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw invalid(
          name,
          line,
          String.format(
              "expected UTF-8 text, found the byte 0x%02X that is not part of a UTF-8 character;"
                  + " save the file as UTF-8",
              bytes[at] & 0xFF));
    }
    return out.flip().toString();
  }

  private static InvalidDocumentException invalid(String name, int line, String message) {
    return new InvalidDocumentException(List.of(new Problem(name, line, "", message)));
  }
}

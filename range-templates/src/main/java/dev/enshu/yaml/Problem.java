package dev.enshu.yaml;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a file: where it is and what is wrong.
 *
 * @param file the file name as the user gave it
 * @param line the 1-based line, or 0 when the problem belongs to the whole file
 * @param path the path inside the document, such as {@code timeline[3].after}, or empty
 * @param message what was expected and what was found
 */
public record Problem(String file, int line, String path, String message)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparing(Problem::path)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  /** The form the CLI prints: {@code file:line: path: message}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(message).toString();
  }
}

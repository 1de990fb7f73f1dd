package dev.enshu.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a file has problems; carries all of them, sorted by file and line. */
public class InvalidDocumentException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidDocumentException(List<Problem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid document has at least one problem");
    }
    this.problems = problems.stream().sorted().distinct().toList();
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    return problems.stream()
        .sorted()
        .distinct()
        .map(Problem::toString)
        .collect(Collectors.joining("\n"));
  }
}

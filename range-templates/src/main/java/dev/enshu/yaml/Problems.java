package dev.enshu.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one document while it is checked, placing each at the line of the path
 * it names. Not thread-safe: one instance per check.
 */
public final class Problems {
  private final YamlDocument document;
  private final List<Problem> found = new ArrayList<>();

  public Problems(YamlDocument document) {
    this.document = document;
  }

  /** Records a problem at {@code path} (for example {@code hosts[2].interfaces[0].address}). */
  public void add(String path, String message) {
    found.add(new Problem(document.file(), document.lineOf(path), path, message));
  }

  public void addAll(List<Problem> problems) {
    found.addAll(problems);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(found);
  }

  /** Throws an {@link InvalidDocumentException} with every problem, if there are any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidDocumentException(found);
    }
  }
}

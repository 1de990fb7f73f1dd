package dev.enshu.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Collects the problems of one document while it is checked, placing each at the line of the path
 * it names. Not thread-safe: one instance per check.
 */
public final class Problems {
  private final YamlDocument document;
  private final UnaryOperator<String> pathMapper;
  private final List<Problem> found;

  public Problems(YamlDocument document) {
    this(document, UnaryOperator.identity(), new ArrayList<>());
  }

  private Problems(YamlDocument document, UnaryOperator<String> pathMapper, List<Problem> found) {
    this.document = document;
    this.pathMapper = pathMapper;
    this.found = found;
  }

  /**
   * A view that adds to the same list but first rewrites each path: for checking a part that was
   * assembled from this document (a template with a scenario's overrides applied).
   */
  public Problems mapped(UnaryOperator<String> mapper) {
    return new Problems(document, path -> pathMapper.apply(mapper.apply(path)), found);
  }

  /** Records a problem at {@code path} (for example {@code hosts[2].interfaces[0].address}). */
  public void add(String path, String message) {
    String at = pathMapper.apply(path);
    found.add(new Problem(document.file(), document.lineOf(at), at, message));
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

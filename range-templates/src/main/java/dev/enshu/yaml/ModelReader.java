package dev.enshu.yaml;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a checked document to its model type. Structural problems are found by the schema first,
 * all at once; binding only runs on a document that conforms.
 */
public final class ModelReader {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ModelReader() {}

  /** Checks {@code document} against {@code schema} and binds it to {@code type}. */
  public static <T> T read(YamlDocument document, SchemaCheck schema, Class<T> type) {
    List<Problem> problems = schema.check(document);
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
    try {
      return MAPPER.treeToValue(document.root(), type);
    } catch (JacksonException e) {
      String path =
          e.getPath() == null
              ? ""
              : YamlDocument.pathOfPointer(
                  e.getPath().stream()
                      .map(
                          ref ->
                              ref.getPropertyName() != null
                                  ? ref.getPropertyName()
                                  : String.valueOf(ref.getIndex()))
                      .reduce("", (a, b) -> a + "/" + b));
      // a value type's own words ("expected a time such as 45m ...") rather than Jackson's
      // "Cannot construct instance of `dev.enshu.scenario.Span`, problem: ..."
      String message =
          e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null
              ? cause.getMessage()
              : e.getOriginalMessage();
      throw new InvalidDocumentException(
          List.of(new Problem(document.file(), document.lineOf(path), path, message)));
    }
  }
}

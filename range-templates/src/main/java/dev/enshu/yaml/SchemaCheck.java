package dev.enshu.yaml;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Checks a document against one of the project's JSON Schemas and reports every structural problem
 * (unknown field, missing field, wrong type, value not in a list) with its line. Thread-safe once
 * built.
 */
public final class SchemaCheck {
  private final Schema schema;

  private SchemaCheck(Schema schema) {
    this.schema = schema;
  }

  /** Loads a schema from the class path, such as {@code /schema/scenario.schema.json}. */
  public static SchemaCheck fromResource(String resource) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      Objects.requireNonNull(in, () -> "schema resource missing from the build: " + resource);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return fromText(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SchemaCheck fromText(String text) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    return new SchemaCheck(registry.getSchema(text, InputFormat.JSON));
  }

  /** Every structural problem of {@code document}, empty when it conforms. */
  public List<Problem> check(YamlDocument document) {
    List<Problem> problems = new ArrayList<>();
    for (Error error : schema.validate(document.root())) {
      String path = pathOf(error.getInstanceLocation());
      problems.add(describe(document, path, error));
    }
    return problems;
  }

  private static Problem describe(YamlDocument document, String path, Error error) {
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String property = error.getProperty();
    JsonNode node = error.getInstanceNode();
    String message;
    String at = path;
    switch (keyword) {
      case "additionalProperties" -> {
        at = join(path, property);
        message = "unknown field '" + property + "'";
      }
      case "required" -> {
        at = join(path, property);
        message = "missing required field '" + property + "'";
      }
      case "type" ->
          message = "expected " + error.getSchemaNode().toString() + ", found " + describe(node);
      case "enum" ->
          message =
              "'"
                  + (node == null ? "" : node.asString(node.toString()))
                  + "' is not one of "
                  + error.getSchemaNode().toString();
      default -> message = stripLocation(error.getMessage());
    }
    return new Problem(document.file(), document.lineOf(at), at, message);
  }

  private static String pathOf(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(element);
      }
    }
    return path.toString();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return "the boolean " + node;
    }
    return "the text '" + node.asString() + "'";
  }

  private static String stripLocation(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 && (message.startsWith("/") || message.startsWith("$"))
        ? message.substring(colon + 2)
        : message;
  }

  private static String join(String path, String property) {
    if (property == null) {
      return path;
    }
    return path.isEmpty() ? property : path + "." + property;
  }
}

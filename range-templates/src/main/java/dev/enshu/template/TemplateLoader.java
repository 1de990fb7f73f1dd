package dev.enshu.template;

import dev.enshu.yaml.InvalidDocumentException;
import dev.enshu.yaml.ModelReader;
import dev.enshu.yaml.Problem;
import dev.enshu.yaml.Problems;
import dev.enshu.yaml.SchemaCheck;
import dev.enshu.yaml.SourceFiles;
import dev.enshu.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads range templates: from a file, or by id from the bundled catalogue. Every template is
 * checked against the schema and the {@link TemplateValidator}; a bad one is an {@link
 * InvalidDocumentException} with all its problems. Thread-safe.
 */
public final class TemplateLoader {
  /** The schema every template is checked against, kept in the repository. */
  public static final String SCHEMA_RESOURCE = "/schema/range-template.schema.json";

  /** Ids of the templates bundled with Enshu. */
  public static final List<String> BUNDLED = List.of("cyder-standard", "cyder-mini");

  private static final SchemaCheck SCHEMA = SchemaCheck.fromResource(SCHEMA_RESOURCE);

  private TemplateLoader() {}

  /** Parses and validates a template; {@code file} names it in problems. */
  public static RangeTemplate parse(String file, String text) {
    YamlDocument document = YamlDocument.parse(file, text);
    RangeTemplate template = ModelReader.read(document, SCHEMA, RangeTemplate.class);
    Problems problems = new Problems(document);
    String expectedId = baseName(file);
    if (expectedId != null && !expectedId.equals(template.id())) {
      problems.add(
          "id",
          "template id '" + template.id() + "' differs from the file name '" + expectedId + "'");
    }
    TemplateValidator.validate(template, problems);
    problems.throwIfAny();
    return template;
  }

  public static RangeTemplate load(Path file) {
    return parse(file.toString(), SourceFiles.read(file));
  }

  /** A bundled template by id, such as {@code cyder-standard}. */
  public static RangeTemplate bundled(String id) {
    String resource = "/templates/" + id + ".yaml";
    try (InputStream in = TemplateLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidDocumentException(
            List.of(
                new Problem(id, 0, "", "no bundled template '" + id + "'; bundled: " + BUNDLED)));
      }
      return parse(id + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id a file of this name must declare: its name without the extension. */
  static String baseName(String file) {
    String name = Path.of(file).getFileName().toString();
    for (String suffix : List.of(".template.yaml", ".yaml", ".yml")) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return null;
  }
}

package dev.enshu.scenario;

import dev.enshu.template.RangeTemplate;
import dev.enshu.template.TemplateLoader;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads scenarios: from a file, or by id from the bundled catalogue. Every scenario is checked
 * against the schema and then, with its template, by the scenario validator; a bad one is an {@link
 * InvalidDocumentException} with all its problems. Thread-safe.
 */
public final class ScenarioLoader {
  /** The schema every scenario is checked against, kept in the repository. */
  public static final String SCHEMA_RESOURCE = "/schema/scenario.schema.json";

  /** Ids of the scenarios bundled with Enshu. */
  public static final List<String> BUNDLED =
      List.of("phishing-ransomware", "hospital-vpn-ransomware");

  private static final SchemaCheck SCHEMA = SchemaCheck.fromResource(SCHEMA_RESOURCE);

  private ScenarioLoader() {}

  /** A scenario and the template it runs on, with the scenario's overrides applied. */
  public record Loaded(Scenario scenario, RangeTemplate template) {}

  /**
   * Parses and validates a scenario. {@code templates} finds a template by id, or returns empty
   * when there is none of that id.
   */
  public static Loaded parse(
      String file, String text, Function<String, Optional<RangeTemplate>> templates) {
    YamlDocument document = YamlDocument.parse(file, text);
    Scenario scenario = ModelReader.read(document, SCHEMA, Scenario.class);
    Problems problems = new Problems(document);
    String expectedId = baseName(file);
    if (!expectedId.equals(scenario.id())) {
      problems.add(
          "id",
          "scenario id '" + scenario.id() + "' differs from the file name '" + expectedId + "'");
    }
    Optional<RangeTemplate> base = templates.apply(scenario.template());
    if (base.isEmpty()) {
      problems.add(
          "template",
          "unknown template '" + scenario.template() + "'; bundled: " + TemplateLoader.BUNDLED);
      problems.throwIfAny();
    }
    EffectiveTemplate.validate(base.get(), scenario.overrides(), problems);
    RangeTemplate effective = EffectiveTemplate.apply(base.get(), scenario.overrides());
    ScenarioValidator.validate(scenario, effective, document, problems);
    problems.throwIfAny();
    return new Loaded(scenario, effective);
  }

  /** Parses and validates a scenario that runs on a bundled template. */
  public static Loaded parse(String file, String text) {
    return parse(file, text, ScenarioLoader::bundledTemplate);
  }

  /**
   * Reads a scenario file. Its template is a bundled one, or a file of that id next to it (or in a
   * {@code templates} folder beside it).
   */
  public static Loaded load(Path file) {
    return parse(file.toString(), SourceFiles.read(file), id -> findTemplate(file, id));
  }

  /** A bundled scenario by id, such as {@code phishing-ransomware}. */
  public static Loaded bundled(String id) {
    String resource = "/scenarios/" + id + ".yaml";
    try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidDocumentException(
            List.of(
                new Problem(id, 0, "", "no bundled scenario '" + id + "'; bundled: " + BUNDLED)));
      }
      return parse(
          id + ".yaml",
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          ScenarioLoader::bundledTemplate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bundled scenario by id, or else a scenario file. */
  public static Loaded byIdOrFile(String idOrFile) {
    if (BUNDLED.contains(idOrFile)) {
      return bundled(idOrFile);
    }
    Path file = Path.of(idOrFile);
    if (!Files.exists(file)) {
      throw new InvalidDocumentException(
          List.of(
              new Problem(
                  idOrFile,
                  0,
                  "",
                  "no bundled scenario of this id " + BUNDLED + " and no such file")));
    }
    return load(file);
  }

  private static Optional<RangeTemplate> bundledTemplate(String id) {
    return TemplateLoader.BUNDLED.contains(id)
        ? Optional.of(TemplateLoader.bundled(id))
        : Optional.empty();
  }

  private static Optional<RangeTemplate> findTemplate(Path scenarioFile, String id) {
    Path dir = scenarioFile.toAbsolutePath().getParent();
    for (Path candidate :
        List.of(dir.resolve(id + ".yaml"), dir.resolve("templates").resolve(id + ".yaml"))) {
      if (Files.isRegularFile(candidate)) {
        return Optional.of(TemplateLoader.load(candidate));
      }
    }
    return bundledTemplate(id);
  }

  private static String baseName(String file) {
    String name = Path.of(file).getFileName().toString();
    return name.replaceFirst("\\.ya?ml$", "");
  }
}

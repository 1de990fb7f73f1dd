package dev.enshu.scenario;

import dev.enshu.yaml.ModelSchemas;

/** The JSON Schema of scenarios, generated from {@link Scenario}. */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  public static String generate() {
    return ModelSchemas.generate(
            Scenario.class, "https://enshu.dev/schema/scenario.schema.json", "Enshu scenario")
        .toPrettyString();
  }
}

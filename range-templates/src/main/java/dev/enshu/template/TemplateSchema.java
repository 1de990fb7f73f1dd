package dev.enshu.template;

import dev.enshu.yaml.ModelSchemas;

/** The JSON Schema of range templates, generated from {@link RangeTemplate}. */
public final class TemplateSchema {
  private TemplateSchema() {}

  public static String generate() {
    return ModelSchemas.generate(
            RangeTemplate.class,
            "https://enshu.dev/schema/range-template.schema.json",
            "Enshu range template")
        .toPrettyString();
  }
}

package dev.enshu.yaml;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema of a model type. The schemas are kept in the repository (editors
 * validate and complete the YAML files with them) and the loaders check every file against them
 * before binding it, so that the schema and the model can never disagree.
 */
public final class ModelSchemas {
  private ModelSchemas() {}

  /** The schema of {@code type}, with a title and an id naming the file it is kept in. */
  public static ObjectNode generate(Class<?> type, String id, String title) {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                    JacksonOption.ALWAYS_REF_SUBTYPES))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    config.forFields().withIgnoreCheck(field -> field.isStatic());
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(type);
    ObjectNode out = schema.objectNode();
    out.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
    out.put("$id", id);
    out.put("title", title);
    out.setAll(schema);
    return out;
  }
}

package dev.enshu.yaml;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonValue;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON);
    // ahead of the Jackson module, whose enum definitions would otherwise list every constant
    config.forTypesInGeneral().withCustomDefinitionProvider(ModelSchemas::documentEnum);
    config
        .with(
            new JacksonSchemaModule(
                JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                JacksonOption.ALWAYS_REF_SUBTYPES))
        .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
        .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
        .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
        .without(Option.SCHEMA_VERSION_INDICATOR);
    config.forFields().withIgnoreCheck(field -> field.isStatic());
    config
        .forTypesInGeneral()
        .withCustomDefinitionProvider(
            (javaType, context) -> {
              TextValue text = javaType.getErasedType().getAnnotation(TextValue.class);
              if (text == null) {
                return null;
              }
              ObjectNode definition = context.getGeneratorConfig().createObjectNode();
              definition.put("type", "string");
              definition.put("pattern", text.pattern());
              definition.put("description", text.description());
              return new CustomDefinition(definition);
            });
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(type);
    inlineSubtypeDiscriminators(schema);
    ObjectNode out = schema.objectNode();
    out.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
    out.put("$id", id);
    out.put("title", title);
    out.setAll(schema);
    return out;
  }

  /** An enum with {@link NotInDocuments} constants: a string of the other constants' values. */
  private static CustomDefinition documentEnum(
      ResolvedType javaType, SchemaGenerationContext context) {
    Class<?> erased = javaType.getErasedType();
    if (!erased.isEnum() || !hasHiddenConstants(erased)) {
      return null;
    }
    ObjectNode definition = context.getGeneratorConfig().createObjectNode();
    definition.put("type", "string");
    ArrayNode values = definition.putArray("enum");
    documentValues(erased).forEach(values::add);
    return new CustomDefinition(definition);
  }

  private static boolean hasHiddenConstants(Class<?> type) {
    return Arrays.stream(type.getFields())
        .anyMatch(f -> f.isEnumConstant() && f.isAnnotationPresent(NotInDocuments.class));
  }

  /** The {@code @JsonValue} of each constant a document may name, in declaration order. */
  private static List<String> documentValues(Class<?> type) {
    Method value =
        Arrays.stream(type.getMethods())
            .filter(m -> m.isAnnotationPresent(JsonValue.class))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException(type + " has constants hidden but no @JsonValue"));
    List<String> values = new ArrayList<>();
    for (Field field : type.getFields()) {
      if (field.isEnumConstant() && !field.isAnnotationPresent(NotInDocuments.class)) {
        try {
          values.add(String.valueOf(value.invoke(field.get(null))));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return values;
  }

  /**
   * A subtype of a sealed interface comes out as its own definition (which forbids unknown fields)
   * plus a second one that refers to it and adds the {@code type} discriminator. The first would
   * then reject the discriminator as unknown; so the two are merged into one, and the definitions
   * nothing refers to any more are dropped.
   */
  private static void inlineSubtypeDiscriminators(ObjectNode schema) {
    JsonNode defsNode = schema.get("$defs");
    if (!(defsNode instanceof ObjectNode defs)) {
      return;
    }
    for (String name : List.copyOf(defs.propertyNames())) {
      JsonNode definition = defs.get(name);
      JsonNode ref = definition.get("$ref");
      if (ref == null || !definition.has("properties")) {
        continue;
      }
      String target = ref.asString().substring("#/$defs/".length());
      ObjectNode merged = (ObjectNode) defs.get(target).deepCopy();
      ((ObjectNode) merged.get("properties")).setAll((ObjectNode) definition.get("properties"));
      ArrayNode required =
          merged.has("required") ? (ArrayNode) merged.get("required") : merged.putArray("required");
      for (JsonNode field : definition.path("required")) {
        required.insert(0, field);
      }
      defs.set(name, merged);
    }
    Set<String> used = new HashSet<>();
    collectRefs(schema, used);
    for (String name : List.copyOf(defs.propertyNames())) {
      if (!used.contains(name)) {
        defs.remove(name);
      }
    }
  }

  private static void collectRefs(JsonNode node, Set<String> used) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString() && ref.asString().startsWith("#/$defs/")) {
        used.add(ref.asString().substring("#/$defs/".length()));
      }
    }
    for (JsonNode child : node) {
      collectRefs(child, used);
    }
  }
}

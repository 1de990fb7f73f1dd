package dev.enshu.template;

import dev.enshu.yaml.SchemaFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemplateSchemaTest {
  @Test
  void keptSchemaMatchesTheModel() throws Exception {
    SchemaFiles.assertCurrent(
        Path.of("src/main/resources/schema/range-template.schema.json"), TemplateSchema.generate());
  }
}

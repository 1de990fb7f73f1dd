package dev.enshu.scenario;

import dev.enshu.yaml.SchemaFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioSchemaTest {
  @Test
  void keptSchemaMatchesTheModel() throws Exception {
    SchemaFiles.assertCurrent(
        Path.of("src/main/resources/schema/scenario.schema.json"), ScenarioSchema.generate());
  }
}

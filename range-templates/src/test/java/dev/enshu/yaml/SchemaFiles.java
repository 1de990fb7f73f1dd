package dev.enshu.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a schema kept in the repository with the one generated from the model. Run the tests
 * with {@code -Denshu.updateSchemas=true} to write the generated schema instead.
 */
public final class SchemaFiles {
  private SchemaFiles() {}

  public static void assertCurrent(Path kept, String generated) throws IOException {
    String expected = generated.strip() + "\n";
    if (Boolean.getBoolean("enshu.updateSchemas")) {
      Files.createDirectories(kept.getParent());
      Files.writeString(kept, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(kept)).as("schema file %s exists", kept).isTrue();
    assertThat(Files.readString(kept, StandardCharsets.UTF_8))
        .as(
            "%s is out of date with the model; regenerate it with"
                + " mvn test -Denshu.updateSchemas=true and commit it",
            kept)
        .isEqualTo(expected);
  }
}

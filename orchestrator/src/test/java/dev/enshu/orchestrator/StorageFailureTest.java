package dev.enshu.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class StorageFailureTest {
  @Test
  void namesTheReasonFromPostgresqlStates() {
    assertThat(kind(new SQLException("could not extend file", "53100"))).isEqualTo("disk-full");
    assertThat(kind(new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
        .isEqualTo("read-only");
    assertThat(kind(new SQLException("Connection refused", "08001"))).isEqualTo("unreachable");
  }

  @Test
  void namesTheReasonFromTheSystemsWordsInTheCauses() {
    SQLException general =
        new SQLException("General error", "HY000", 50000, new IOException("Read-only file system"));
    assertThat(StorageFailure.of(new DataAccessResourceFailureException("x", general)))
        .as("not H2's: its general error is nothing to go by")
        .isEmpty();
    assertThat(
            StorageFailure.of(
                new SQLException(
                    "could not write", "53100", new IOException("No space left on device"))))
        .hasValueSatisfying(f -> assertThat(f.detail()).contains("its disk is full"));
  }

  @Test
  void leavesOtherFailuresAlone() {
    assertThat(StorageFailure.of(new SQLException("duplicate key", "23505"))).isEmpty();
    assertThat(StorageFailure.of(new IllegalStateException("no"))).isEmpty();
  }

  private static String kind(SQLException e) {
    return StorageFailure.of(new DataAccessResourceFailureException("x", e))
        .orElseThrow()
        .kind()
        .id();
  }
}

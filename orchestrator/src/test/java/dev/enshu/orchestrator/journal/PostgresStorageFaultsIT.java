package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerProcess;
import dev.enshu.orchestrator.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * A server on PostgreSQL ({@link TestPostgres}) whose database cannot store anything while it runs:
 * its disk full, or the database made read-only. Writes are answered 503 with the reason, reads
 * answer with everything journalled before, and once the fault is gone the server takes writes
 * again without a restart (see {@link StorageFaults}).
 */
class PostgresStorageFaultsIT {
  @TempDir Path dir;

  @Test
  void aFullDiskIsA503AndTheServerRecoversWhenSpaceReturns() throws Exception {
    try (GenericContainer<?> postgres = TestPostgres.startOnTmpfs("128m")) {
      String url = TestPostgres.url(postgres, "filled");
      try (ServerProcess server = serve(url)) {
        // a fresh WAL segment, written before the disk fills: PostgreSQL stops (PANIC) when it
        // cannot make its next one, and the writes that fit in this one fail on the tables instead
        sql(url, "SELECT pg_switch_wal()");
        StorageFaults faults = new StorageFaults(server).journalled();
        exec(postgres, "dd if=/dev/zero of=" + TestPostgres.DISK + "/filler bs=1M || true");
        faults.awaitRefused("disk-full", 2000);
        faults.assertRefusedWhileReadsAnswer("disk-full");

        exec(postgres, "rm " + TestPostgres.DISK + "/filler");
        faults.assertRecovered();
      }
    }
  }

  @Test
  void aReadOnlyDatabaseIsA503AndTheServerRecoversWhenItIsWritable() throws Exception {
    try (GenericContainer<?> postgres = TestPostgres.start()) {
      String url = TestPostgres.url(postgres, "readonly");
      try (ServerProcess server = serve(url)) {
        StorageFaults faults = new StorageFaults(server).journalled();
        // reaches the pooled sessions too: each reads the configuration again before its next query
        sql(url, "ALTER SYSTEM SET default_transaction_read_only = on");
        sql(url, "SELECT pg_reload_conf()");
        faults.awaitRefused("read-only", 50);
        faults.assertRefusedWhileReadsAnswer("read-only");

        sql(url, "SET default_transaction_read_only = off; ALTER SYSTEM RESET ALL");
        sql(url, "SELECT pg_reload_conf()");
        faults.assertRecovered();
      }
    }
  }

  private ServerProcess serve(String url) throws Exception {
    return ServerProcess.start(
            dir.resolve("data"), dir, "postgres", "--spring.datasource.url=" + url)
        .asFirstInstructor();
  }

  private static void sql(String url, String statements) throws Exception {
    try (var connection = TestPostgres.dataSource(url).getConnection();
        var statement = connection.createStatement()) {
      for (String sql : statements.split("; ")) {
        statement.execute(sql);
      }
    }
  }

  private static void exec(GenericContainer<?> postgres, String command) throws Exception {
    Container.ExecResult result = postgres.execInContainer("sh", "-c", command);
    assertThat(result.getExitCode()).as(command + ": " + result.getStderr()).isZero();
  }
}

package dev.enshu.orchestrator.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's disk fills up under a running server (a tmpfs of this test's own): writes
 * are answered 503 with the reason, never 500; when space returns the server takes writes again
 * without a restart, and everything it had acknowledged before is still there.
 */
class DatabaseDiskFullIT {
  @TempDir Path dir;

  @Test
  void aFullDiskIsA503AndTheServerRecoversWhenSpaceReturns() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk.toString());
    Path filler = disk.resolve("filler");
    try {
      List<String> acknowledged = new ArrayList<>();
      try (ServerProcess server =
          ServerProcess.start(disk.resolve("data"), dir, "full").asFirstInstructor()) {
        for (int i = 0; i < 3; i++) {
          acknowledged.add(create(server, "before" + i).orElseThrow());
        }
        fill(filler);
        int refused = 0;
        for (int i = 0; i < 200 && refused == 0; i++) {
          ServerProcess.Answer answer = createAnswer(server, "full" + i);
          if (answer.status() / 100 == 2) {
            acknowledged.add("full" + i);
          } else {
            assertThat(answer.status())
                .as("%s; the server said %s", answer.body(), server.errors())
                .isEqualTo(503);
            assertThat(answer.body()).contains("the database cannot store anything now");
            refused++;
          }
        }
        assertThat(refused).as("a write refused while the disk is full").isPositive();

        Files.delete(filler);
        java.util.concurrent.atomic.AtomicInteger tries =
            new java.util.concurrent.atomic.AtomicInteger();
        String after =
            org.awaitility.Awaitility.await("a write taken again once there is space")
                .atMost(java.time.Duration.ofSeconds(60))
                .until(
                    () -> {
                      String id = "after" + tries.getAndIncrement();
                      ServerProcess.Answer answer = createAnswer(server, id);
                      if (answer.status() / 100 == 2) {
                        return id;
                      }
                      assertThat(answer.status())
                          .as("%s; the server said %s", answer.body(), server.errors())
                          .isEqualTo(503);
                      return null;
                    },
                    java.util.Objects::nonNull);
        assertThat(after).as("a write taken again once there is space").isNotNull();
        acknowledged.add(after);
        for (String id : acknowledged) {
          assertThat(server.get("/api/exercises/" + id).status()).as(id).isEqualTo(200);
          assertThat(server.read("/api/exercises/" + id + "/journal")).contains("exercise.created");
        }
      }
    } finally {
      Files.deleteIfExists(filler);
      run("umount", disk.toString());
    }
  }

  private static java.util.Optional<String> create(ServerProcess server, String id)
      throws Exception {
    ServerProcess.Answer answer = createAnswer(server, id);
    assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
    return java.util.Optional.of(id);
  }

  private static ServerProcess.Answer createAnswer(ServerProcess server, String id)
      throws Exception {
    return StorageFaults.create(server, id, "一班 " + "x".repeat(200));
  }

  /** Writes until the disk is full. */
  private static void fill(Path filler) throws IOException {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("No space left");
    }
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }
}

package dev.enshu.orchestrator.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system of the embedded database turns read-only under a running server, as the kernel
 * does to an ext4 file system on an I/O error ({@code errors=remount-ro}); here on a small image of
 * this test's own, through ext4's {@code trigger_fs_error}. A plain {@code mount -o remount,ro}
 * cannot do it: the kernel refuses while the database file is open for writing. The database cannot
 * be opened again on the failed file system, not even to read (the kernel still lists it as
 * writable, so the embedded database does not open it read-only): writes and reads are answered 503
 * "read-only", none 500 nor 401; once the operator has checked the file system and mounted it
 * again, the server takes writes without a restart, with everything journalled before.
 */
class DatabaseReadOnlyIT {
  @TempDir Path dir;

  @Test
  void aReadOnlyDatabaseIsA503AndTheServerRecoversWhenItIsWritable() throws Exception {
    Path image = dir.resolve("disk.img");
    Path disk = Files.createDirectories(dir.resolve("disk"));
    run("truncate", "-s", "64M", image.toString());
    run("mkfs.ext4", "-q", "-F", image.toString());
    String device = mount(image, disk);
    try {
      try (ServerProcess server =
          ServerProcess.start(disk.resolve("data"), dir, "readonly").asFirstInstructor()) {
        StorageFaults faults = new StorageFaults(server).journalled();
        run("sync", "-f", disk.toString());
        Files.writeString(
            Path.of("/sys/fs/ext4", device, "trigger_fs_error"), "test: the disk failed");
        faults.awaitRefused("read-only", 1);
        faults.assertRefusedReadsToo("read-only");

        run("umount", "-l", disk.toString());
        check(image);
        device = mount(image, disk);
        faults.assertRecovered();
      }
    } finally {
      new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
    }
  }

  /** Attaches the image to a new loop device and mounts it; returns the device's name. */
  private static String mount(Path image, Path disk) throws Exception {
    String device = run("losetup", "--find", "--show", image.toString()).strip();
    run("mount", "-o", "errors=remount-ro", device, disk.toString());
    run("losetup", "--detach", device); // detached once no longer mounted
    return Path.of(device).getFileName().toString();
  }

  /** {@code e2fsck} repairs what the failure left: exit code 0 or 1. */
  private static void check(Path image) throws Exception {
    Process process =
        new ProcessBuilder("e2fsck", "-f", "-y", image.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as("e2fsck: " + output).isBetween(0, 1);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }
}

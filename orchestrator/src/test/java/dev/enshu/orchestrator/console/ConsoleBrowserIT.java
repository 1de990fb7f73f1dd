package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser (Debian's chromium, headless, driven by playwright-core from {@code
 * trainer-console/e2e/terminal.mjs}) types into the xterm.js console of a real container, sees the
 * output (ASCII and Japanese), exits the shell and sees the page open a new session by itself, then
 * plays the first session's recording back, logged in as a trainee.
 */
@ServerTest
class ConsoleBrowserIT {
  @LocalServerPort int port;
  @Autowired Accounts accounts;

  @Test
  void browserTypesIntoTheTerminalAndSeesTheOutput() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    assertThat(Files.isExecutable(chromium))
        .as("chromium is needed for the browser test: run scripts/setup.sh (installs chromium)")
        .isTrue();
    Path console = Path.of("../trainer-console").toAbsolutePath().normalize();
    assertThat(console.resolve("node_modules/playwright-core"))
        .as("the trainer-console build installs playwright-core (mvn builds that module first)")
        .exists();
    ConsoleTarget target =
        new ConsoleTarget("cbit" + Long.toHexString(System.nanoTime() & 0xFFFF), 3, "pc");
    String password =
        new TestAccounts(accounts)
            .password("sato", "trainee", target.exerciseId(), target.team(), null);
    try (ConsoleContainers containers = new ConsoleContainers()) {
      containers.start(target);
      File log = Path.of("target/console-browser-it.log").toFile();
      Process node =
          new ProcessBuilder(
                  "node",
                  "e2e/terminal.mjs",
                  "http://127.0.0.1:" + port,
                  target.exerciseId(),
                  "" + target.team(),
                  target.hostId(),
                  "sato",
                  password)
              .directory(console.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log)
              .start();
      boolean finished = node.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        node.destroyForcibly();
      }
      String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
      assertThat(finished).as("the browser script finished in 120 s:\n" + output).isTrue();
      assertThat(node.exitValue()).as(output).isZero();
      assertThat(output).contains("terminal ok").contains("reopen ok").contains("playback ok");
    }
  }
}

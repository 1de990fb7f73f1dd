package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseLifecycle;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.State;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A course through the trainer console in a real browser (Debian's chromium, headless, driven by
 * playwright-core from {@code trainer-console/e2e/course.mjs}) on real cyder-mini ranges: the
 * instructor creates, provisions and starts an exercise with a venue and two teams from the web
 * pages; a trainee works in a terminal and submits a finding; the scoreboard follows live; the
 * venue's assistant sees only their team. Screenshots of the main pages go to {@code
 * target/e2e-screenshots/}.
 */
@ServerTest
class TrainerConsoleBrowserIT {
  @LocalServerPort int port;
  @Autowired ExerciseLifecycle exerciseLifecycle;
  @Autowired ExerciseStore store;
  @Autowired Accounts accounts;
  @Autowired dev.enshu.orchestrator.range.docker.DockerRangeProvider docker;

  @Test
  void instructorRunsACourseThatTraineesAndAnAssistantFollow() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    assertThat(Files.isExecutable(chromium))
        .as("chromium is needed for the browser test: run scripts/setup.sh (installs chromium)")
        .isTrue();
    Path console = Path.of("../trainer-console").toAbsolutePath().normalize();
    assertThat(console.resolve("node_modules/playwright-core"))
        .as("the trainer-console build installs playwright-core (mvn builds that module first)")
        .exists();
    // the ranges' images, built locally when a recipe changed (as ./enshu images does)
    docker.images().buildAll();
    String boot = "boot" + Long.toHexString(System.nanoTime() & 0xFFFF);
    String bootPassword = new TestAccounts(accounts).password(boot, "instructor", null, null, null);
    String instructor = "sensei" + Long.toHexString(System.nanoTime() & 0xFFFF);
    String password = createInstructor(boot, bootPassword, instructor);
    String exerciseId = "course" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    Path screenshots = Path.of("target/e2e-screenshots").toAbsolutePath();
    File log = Path.of("target/trainer-console-browser-it.log").toFile();
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  "node", "e2e/course.mjs", "http://127.0.0.1:" + port, instructor, password)
              .directory(console.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log);
      builder
          .environment()
          .putAll(
              Map.of(
                  "SCREENSHOTS",
                  screenshots.toString(),
                  "EXERCISE_ID",
                  exerciseId,
                  "SCENARIO",
                  "e2e-mini"));
      Process node = builder.start();
      boolean finished = node.waitFor(20, TimeUnit.MINUTES);
      if (!finished) {
        node.destroyForcibly();
      }
      String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
      assertThat(finished).as("the browser script finished in 20 minutes:\n" + out).isTrue();
      assertThat(node.exitValue()).as(out).isZero();
      assertThat(out)
          .contains("exercise ok", "instructor ok", "topology ok", "console ok", "finding ok")
          .contains("scoreboard ok", "assistant ok", "review ok", "teardown ok");
      assertThat(store.require(exerciseId).teams()).hasSize(2);
      assertThat(store.require(exerciseId).state()).isEqualTo(State.TORN_DOWN);
      for (String page :
          new String[] {
            "01-login", "02-instructor-dashboard", "03-team-topology", "04-trainee-workspace",
            "05-console", "06-scoreboard", "07-assistant", "08-review"
          }) {
        assertThat(screenshots.resolve(page + ".png")).isNotEmptyFile();
      }
    } finally {
      // the ranges go even when the browser did not get as far as tearing them down
      store
          .find(exerciseId)
          .filter(e -> e.state() != State.TORN_DOWN)
          .map(Exercise::id)
          .ifPresent(id -> exerciseLifecycle.teardown(id, "test"));
    }
  }

  /** Creates an instructor through the API as the first instructor; answers its password. */
  private String createInstructor(String asUser, String asPassword, String name) {
    JsonNode user =
        TestApi.at(port)
            .as(TestAccounts.header(asUser, asPassword))
            .post("/api/users", Map.of("name", name, "role", "instructor"))
            .expect(201)
            .json();
    assertThat(user.path("role").asString()).isEqualTo("instructor");
    return user.path("password").asString();
  }
}

package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EnshuCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void lintPassesTheBundledFilesWithOneLineEach() {
    int code =
        run(
            "lint",
            "../scenarios/src/main/resources/scenarios/phishing-ransomware.yaml",
            "../scenarios/src/main/resources/scenarios/hospital-vpn-ransomware.yaml",
            "../range-templates/src/main/resources/templates/cyder-standard.yaml",
            "../range-templates/src/main/resources/templates/cyder-mini.yaml");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().lines())
        .hasSize(4)
        .allSatisfy(line -> assertThat(line).startsWith("ok "));
  }

  @Test
  void lintReportsEveryProblemWithItsLineAndExitsOne(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        """
        id: broken
        template: cyder-mini
        title: {ja: 壊れた, en: Broken}
        briefing: {ja: x, en: x}
        level: A
        duration: 1h
        timeline:
          - id: one
            title: {ja: x, en: x}
            after: two
            technique: T1000
            action: {type: command, host: nowhere, run: 'true'}
            groundTruth: {summary: {ja: x, en: x}, hosts: [pc]}
        objectives: []
        checks: []
        report: {sections: [], rubric: []}
        """);
    int code = run("lint", broken.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            broken + ":10: timeline[0].after: unknown inject 'two'",
            broken
                + ":12: timeline[0].action.host: unknown host 'nowhere' in template 'cyder-mini'");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("lint")).isEqualTo(2);
    assertThat(run("plan", "phishing-ransomware", "--teams", "0")).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
  }

  @Test
  void planPrintsOnePlanPerTeamIdenticallyOnEveryRun() {
    assertThat(run("plan", "phishing-ransomware", "--teams", "3", "--seed", "7")).isZero();
    String first = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("plan", "phishing-ransomware", "--teams", "3", "--seed", "7")).isZero();
    assertThat(out.toString()).isEqualTo(first);
    assertThat(first)
        .contains("\"rangeId\" : \"demo-t1\"", "\"rangeId\" : \"demo-t3\"")
        .doesNotContain("demo-t4");
  }

  /**
   * The plan's wire form is pinned: host roles and segment purposes are their catalogue ids ({@code
   * domain-controller}, {@code business-servers}), the checkers' role is {@code checker}, and every
   * other field is as kept in {@code src/test/resources/plans}.
   */
  @ParameterizedTest
  @ValueSource(strings = {"phishing-ransomware", "hospital-vpn-ransomware"})
  void planPrintsTheKeptWireForm(String scenario) throws Exception {
    assertThat(run("plan", scenario, "--teams", "3", "--seed", "7")).as(err.toString()).isZero();
    Path kept = Path.of("src/test/resources/plans/" + scenario + "-3-teams-seed-7.json");
    assertThat(out.toString()).isEqualTo(Files.readString(kept));
  }

  @Test
  void usersAddPrintsTheGeneratedPasswordOnceAndStoresOnlyItsHash(@TempDir Path dir) {
    String data = dir.toString();
    int code =
        run(
            "users",
            "add",
            "sato",
            "--role",
            "trainee",
            "--exercise",
            "ex1",
            "--team",
            "2",
            "--data-dir",
            data);
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("created sato (trainee of team 2 in ex1)")
        .containsPattern("password \\(shown once\\): \\S{20}");
    String password =
        out.toString().lines().filter(l -> l.startsWith("password")).findFirst().orElseThrow();
    String secret = password.substring(password.lastIndexOf(' ') + 1);

    assertThat(run("users", "list", "--data-dir", data)).isZero();
    assertThat(out.toString()).contains("sato (trainee of team 2 in ex1)");
    assertThat(out.toString().indexOf(secret)).isEqualTo(out.toString().lastIndexOf(secret));

    assertThat(run("users", "add", "sato", "--role", "observer", "--data-dir", data)).isOne();
    assertThat(err.toString()).contains("a user named 'sato' already exists");
    assertThat(run("users", "add", "tanaka", "--role", "assistant", "--data-dir", data)).isOne();
    assertThat(err.toString()).contains("needs the venues they help");
  }

  @Test
  void usersOnlineAllowsAndForbidsOnlineTrainingToTraineesAndInstructorsOnly(@TempDir Path dir) {
    String data = dir.toString();
    assertThat(run("users", "add", "sato", "--role", "trainee", "--data-dir", data)).isZero();
    assertThat(run("users", "add", "ito", "--role", "trainee", "--online", "--data-dir", data))
        .isZero();
    assertThat(run("users", "add", "mori", "--role", "observer", "--data-dir", data)).isZero();

    assertThat(run("users", "online", "sato", "--allow", "--data-dir", data))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("sato (trainee) may start online runs");
    assertThat(run("users", "online", "ito", "--deny", "--data-dir", data)).isZero();
    assertThat(out.toString()).contains("ito (trainee) may not start online runs");
    assertThat(run("users", "online", "mori", "--allow", "--data-dir", data)).isOne();
    assertThat(err.toString()).contains("only trainees and instructors train online");
    assertThat(run("users", "list", "--data-dir", data)).isZero();
    assertThat(out.toString())
        .contains("sato (trainee) [online]")
        .doesNotContain("ito (trainee) [online]")
        .doesNotContain("mori (observer) [online]");
  }

  @Test
  void journalVerifyReportsAnIntactExportAndTheFirstBrokenLine(@TempDir Path dir) throws Exception {
    dev.enshu.orchestrator.journal.Journal journal =
        dev.enshu.orchestrator.journal.Journal.inMemory("cli-verify");
    for (int i = 1; i <= 3; i++) {
      journal.append(
          dev.enshu.orchestrator.journal.JournalEvent.of(
              "ex1",
              1,
              java.time.Instant.parse("2026-11-30T01:00:00Z").plusSeconds(i),
              "finding.submitted",
              "t",
              java.util.Map.of("answer", "a" + i)));
    }
    StringWriter export = new StringWriter();
    journal.export("ex1", export);
    Path file = dir.resolve("ex1-journal.jsonl");
    Files.writeString(file, export.toString());
    assertThat(run("journal", "verify", file.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("OK: 3 events");

    Files.writeString(file, export.toString().replace("\"a2\"", "\"a9\""));
    assertThat(run("journal", "verify", file.toString())).isOne();
    assertThat(err.toString()).contains("line 2 (seq 2): hash does not match");
  }
}

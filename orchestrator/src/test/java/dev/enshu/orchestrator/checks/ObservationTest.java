package dev.enshu.orchestrator.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangeProvider.ProcessInfo;
import dev.enshu.scenario.Check;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservationTest {
  private static final Map<String, String> V =
      Map.of("c2Domain", "update-check.example.net", "account", "hoshu01");

  private static Optional<byte[]> text(String s) {
    return Optional.of(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Check.FileState file(String contains, String lacks, String domain, Boolean lines) {
    return new Check.FileState("/f", contains, lacks, domain, lines);
  }

  @Test
  void absentProcessPassesOnlyWhenNoProcessHasTheName() {
    List<ProcessInfo> running =
        List.of(
            new ProcessInfo(1, "0", "bash", "/bin/bash /usr/local/lib/enshu/init"),
            new ProcessInfo(77, "1000", "update-agent", "/bin/bash /home/u/.cache/update-agent"));
    Check.Processes rule = new Check.Processes("${implant}", null);
    Map<String, String> v = Map.of("implant", "update-agent");
    assertThat(Observation.processes(running, rule, v).passed()).isFalse();
    assertThat(Observation.processes(running.subList(0, 1), rule, v).passed()).isTrue();
    assertThat(
            Observation.processes(running, new Check.Processes(null, "update-agent"), v).passed())
        .isTrue();
  }

  @Test
  void whatIsJournalledNeverNamesTheValueLookedFor() {
    List<ProcessInfo> running =
        List.of(new ProcessInfo(77, "1000", "update-agent", "/home/u/.cache/update-agent"));
    Observation.Outcome seen =
        Observation.processes(running, new Check.Processes("update-agent", null), Map.of());
    assertThat(seen.detail()).doesNotContain("update-agent").doesNotContain("77");
    Observation.Outcome read =
        Observation.file(
            text("update-check.example.net\n"), file("${c2Domain}", null, null, null), V);
    assertThat(read.passed()).isTrue();
    assertThat(read.detail()).doesNotContain("update-check");
  }

  @Test
  void aFileThatIsNotThereNeverPasses() {
    assertThat(Observation.file(Optional.empty(), file(null, "x", null, null), V).passed())
        .isFalse();
  }

  @Test
  void wholeLinesAreComparedWithoutTheSpacesAroundThem() {
    Check.FileState rule = file(null, "${account}:enabled", null, true);
    assertThat(Observation.file(text("hoshu01:disabled\nxhoshu01:enabled\n"), rule, V).passed())
        .isTrue();
    assertThat(Observation.file(text("other:enabled\n  hoshu01:enabled \n"), rule, V).passed())
        .isFalse();
  }

  @Test
  void aFilePatternMatchesWholeNamesWithStarsAndQuestionMarksOnly() {
    assertThat(Observation.glob("*.locked-*").matcher("a.txt.locked-x9").matches()).isTrue();
    assertThat(Observation.glob("*.locked-*").matcher("a.txt").matches()).isFalse();
    assertThat(Observation.glob("*.k?y").matcher("a.key").matches()).isTrue();
    assertThat(Observation.glob("a.(b)+").matcher("a.(b)+").matches()).isTrue();
    assertThat(Observation.glob("a.(b)+").matcher("a.bb").matches()).isFalse();
  }

  @Test
  void aTreePassesOnlyWhenItExistsAndNoFileBelowItHasSuchAName() {
    Check.FileTree rule = new Check.FileTree("/srv/shares/backup", "*.${suffix}");
    Map<String, String> v = Map.of("suffix", "Qx7");
    assertThat(Observation.files(Optional.empty(), rule, v).passed()).isFalse();
    assertThat(Observation.files(Optional.of(List.of("db/emr.dump", "Qx7.txt")), rule, v).passed())
        .isTrue();
    Observation.Outcome locked =
        Observation.files(Optional.of(List.of("db/emr.dump.Qx7")), rule, v);
    assertThat(locked.passed()).isFalse();
    assertThat(locked.detail()).doesNotContain("Qx7");
  }

  @Test
  void aDomainListCoversTheDomainItselfOrADottedParentButNotAComment() {
    assertThat(Observation.covers("update-check.example.net\n", "update-check.example.net"))
        .isTrue();
    assertThat(Observation.covers("  .Update-Check.example.NET  \n", "update-check.example.net"))
        .isTrue();
    assertThat(Observation.covers(".example.net\n", "update-check.example.net")).isTrue();
    assertThat(Observation.covers("# update-check.example.net\n", "update-check.example.net"))
        .isFalse();
    assertThat(Observation.covers("check.example.net\n", "update-check.example.net")).isFalse();
    assertThat(Observation.covers(".check.example.net\n", "update-check.example.net")).isFalse();
    assertThat(Observation.covers("example.net\n", "update-check.example.net")).isFalse();
    assertThat(Observation.covers("update-check.example.net.evil\n", "update-check.example.net"))
        .isFalse();
  }
}

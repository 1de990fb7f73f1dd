package dev.enshu.orchestrator.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangeProvider.ProcessInfo;
import org.junit.jupiter.api.Test;

class ProcessMatchTest {
  private static ProcessInfo process(String name, String commandLine) {
    return new ProcessInfo(42, "1000", name, commandLine);
  }

  @Test
  void matchesTheKernelsShortName() {
    assertThat(ProcessMatch.matches(process("update-agent", "whatever"), "update-agent")).isTrue();
  }

  @Test
  void matchesTheShortNameTheKernelCutTo15Characters() {
    assertThat(
            ProcessMatch.matches(
                process("font-cache-serv", "/usr/bin/x"), "font-cache-service-helper"))
        .isTrue();
  }

  @Test
  void matchesTheBaseNameOfTheCommandWhenTheProcessRenamedItself() {
    assertThat(ProcessMatch.matches(process("kworker", "/tmp/.x/sync-helper -d"), "sync-helper"))
        .isTrue();
  }

  @Test
  void matchesTheScriptAnInterpreterRuns() {
    assertThat(
            ProcessMatch.matches(
                process("bash", "/bin/bash /home/tanaka/.cache/dbus-notifier"), "dbus-notifier"))
        .isTrue();
    assertThat(ProcessMatch.matches(process("python3", "python3.11 -u /opt/agent.py"), "agent.py"))
        .isTrue();
  }

  @Test
  void doesNotMatchANameThatOnlyContainsIt() {
    assertThat(ProcessMatch.matches(process("update-agent2", "/bin/update-agent2"), "update-agent"))
        .isFalse();
    assertThat(ProcessMatch.matches(process("agent", "/bin/agent"), "update-agent")).isFalse();
  }

  @Test
  void doesNotMatchAProgramThatOnlyHasTheNameAsAnArgument() {
    assertThat(
            ProcessMatch.matches(
                process("less", "less /home/tanaka/.cache/update-agent"), "update-agent"))
        .isFalse();
    assertThat(ProcessMatch.matches(process("bash", "bash -c sleep 5"), "sleep")).isFalse();
  }
}

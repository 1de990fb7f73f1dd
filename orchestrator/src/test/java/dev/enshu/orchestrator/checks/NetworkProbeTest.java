package dev.enshu.orchestrator.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.Check;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkProbeTest {
  private static ExecResult exited(int code, String stdout) {
    return new ExecResult(code, stdout, "", false, Duration.ZERO);
  }

  private static Check.Probe tcp(String expect, String banner) {
    return new Check.Probe("biz", 25, expect, banner, null, null, null);
  }

  @Test
  void aTcpProbePassesOnAnOpenPortOrAClosedOneAsExpected() {
    assertThat(NetworkProbe.tcp(exited(0, ""), tcp(null, null)).passed()).isTrue();
    assertThat(NetworkProbe.tcp(exited(1, ""), tcp(null, null)).passed()).isFalse();
    assertThat(NetworkProbe.tcp(exited(1, ""), tcp("closed", null)).passed()).isTrue();
    assertThat(NetworkProbe.tcp(exited(0, ""), tcp("closed", null)).detail())
        .isEqualTo("the port accepted a connection");
    assertThat(NetworkProbe.tcpCommand("10.0.10.25", tcp(null, null)))
        .containsExactly("nc", "-z", "-w", "3", "10.0.10.25", "25");
  }

  @Test
  void aBannerMustStartTheFirstLine() {
    Check.Probe smtp = tcp(null, "220");
    assertThat(NetworkProbe.tcp(exited(0, "220 mail ESMTP Postfix\r\n"), smtp).passed()).isTrue();
    assertThat(NetworkProbe.tcp(exited(0, "554 go away\r\n"), smtp).passed()).isFalse();
    assertThat(NetworkProbe.tcp(exited(1, ""), smtp).detail()).isEqualTo("no answer on the port");
  }

  @Test
  void httpPassesOn2xxAnd3xxOnly() {
    assertThat(NetworkProbe.http(exited(0, "200")).passed()).isTrue();
    assertThat(NetworkProbe.http(exited(0, "302")).passed()).isTrue();
    assertThat(NetworkProbe.http(exited(0, "503")).passed()).isFalse();
    assertThat(NetworkProbe.http(exited(7, "000")).detail()).isEqualTo("no HTTP answer");
    assertThat(
            NetworkProbe.httpCommand(
                "web.corp.example.jp",
                "10.64.1.10",
                new Check.Probe("internet", null, null, null, 80, null, null)))
        .contains(
            "--resolve", "web.corp.example.jp:80:10.64.1.10", "http://web.corp.example.jp:80/");
  }

  @Test
  void theDirectoryQueryNamesNoAccountAndTheAnswerIsJudgedHere() {
    assertThat(String.join(" ", NetworkProbe.ldapCommand("corp.example.jp", "10.64.10.10")))
        .contains("DC=corp,DC=example,DC=jp", "(&(objectCategory=person)(objectClass=user))")
        .doesNotContain("suzuki");
    String listing =
        """
        dn: CN=Administrator,CN=Users,DC=corp,DC=example,DC=jp
        sAMAccountName: Administrator
        userAccountControl: 512

        dn: CN=suzuki,CN=Users,DC=corp,DC=example,DC=jp
        sAMAccountName: suzuki
        userAccountControl: 514

        dn: CN=tanaka,CN=Users,DC=corp,DC=example,DC=jp
        sAMAccountName: tanaka
        userAccountControl: 512
        """;
    Observation.Outcome disabled = NetworkProbe.directory(exited(0, listing), "SUZUKI");
    assertThat(disabled.passed()).isTrue();
    assertThat(disabled.detail())
        .isEqualTo("the directory lists 3 users; the account is disabled")
        .doesNotContainIgnoringCase("suzuki");
    assertThat(NetworkProbe.directory(exited(0, listing), "tanaka").passed()).isFalse();
    assertThat(NetworkProbe.directory(exited(0, listing), "sato").detail())
        .endsWith("the account is not among them");
    assertThatThrownBy(() -> NetworkProbe.directory(exited(49, ""), "suzuki"))
        .hasMessageContaining("did not answer");
    assertThatThrownBy(
            () -> NetworkProbe.directory(new ExecResult(-1, "", "", true, Duration.ZERO), "x"))
        .hasMessageContaining("did not finish");
  }
}

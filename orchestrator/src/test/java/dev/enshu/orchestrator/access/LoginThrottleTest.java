package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Nobody's failures lock out a classroom or an instructor; guessing stays bounded. */
class LoginThrottleTest {
  private static final String CLASSROOM = "203.0.113.7";
  private static final String ATTACKER = "198.51.100.9";
  private static final String OFFICE = "192.0.2.10";

  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now = Instant.parse("2026-11-30T01:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Moving clock = new Moving();
  private final LoginThrottle throttle =
      new LoginThrottle(5, 30, 2, Duration.ofMinutes(1), Duration.ofDays(30), clock);

  private void fail(String name, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(name, address);
    }
  }

  @Test
  void fiveFailuresOfOneNameAtOneAddressBlockItThereUntilTheWindowPasses() {
    fail("yui", ATTACKER, 4);
    assertThat(throttle.blocked("yui", ATTACKER)).isEmpty();
    fail("yui", ATTACKER, 1);
    assertThat(throttle.blocked("yui", ATTACKER)).contains(Duration.ofMinutes(1));
    clock.now = clock.now.plusSeconds(61);
    assertThat(throttle.blocked("yui", ATTACKER)).isEmpty();
  }

  @Test
  void aClassroomFailingOftenDoesNotLockOutMembersWhoHaveNotFailed() {
    for (int i = 0; i < 15; i++) {
      fail("trainee" + i, CLASSROOM, 2);
    }
    // 30 failures from the classroom's address: the address is busy
    assertThat(throttle.blocked("trainee20", CLASSROOM)).isEmpty();
    fail("trainee21", CLASSROOM, 1);
    assertThat(throttle.blocked("trainee21", CLASSROOM)).as("one slip is allowed").isEmpty();
    // those who failed twice wait; the others do not
    assertThat(throttle.blocked("trainee3", CLASSROOM)).isPresent();
    assertThat(throttle.blocked("trainee3", OFFICE)).as("the same name elsewhere").isEmpty();
  }

  @Test
  void failuresAsTheInstructorElsewhereDoNotLockTheInstructorOutWhereTheyLoggedInBefore() {
    throttle.succeeded("sensei", OFFICE);
    fail("sensei", ATTACKER, 5);
    fail("sensei", "198.51.100.10", 5);
    assertThat(throttle.blocked("sensei", ATTACKER)).isPresent();
    assertThat(throttle.blocked("sensei", "192.0.2.99"))
        .as("an address the instructor never logged in from")
        .isPresent();
    assertThat(throttle.blocked("sensei", OFFICE)).isEmpty();
    assertThat(throttle.blocked("sensei", "127.0.0.1")).as("the server's own machine").isEmpty();
    assertThat(throttle.blocked("sensei", "0:0:0:0:0:0:0:1")).isEmpty();
  }

  @Test
  void aTrustedAddressStillBoundsGuessesAtIt() {
    throttle.succeeded("sensei", OFFICE);
    fail("sensei", OFFICE, 5);
    assertThat(throttle.blocked("sensei", OFFICE)).isPresent();
    fail("root", "127.0.0.1", 5);
    assertThat(throttle.blocked("root", "127.0.0.1")).isPresent();
  }

  @Test
  void trustEndsAfterItsPeriodAndASuccessClearsItsPairsFailures() {
    fail("aiko", OFFICE, 4);
    throttle.succeeded("aiko", OFFICE);
    fail("aiko", OFFICE, 1);
    assertThat(throttle.blocked("aiko", OFFICE)).isEmpty();
    clock.now = clock.now.plus(Duration.ofDays(31));
    fail("aiko", ATTACKER, 5);
    assertThat(throttle.blocked("aiko", OFFICE)).as("trust has lapsed").isPresent();
  }

  @Test
  void theWaitIsUntilEnoughFailuresHaveLeftTheWindow() {
    fail("kenji", ATTACKER, 3);
    clock.now = clock.now.plusSeconds(20);
    fail("kenji", ATTACKER, 3);
    // 6 failures, 5 allowed: the attempt is free again when the first three have gone
    assertThat(throttle.blocked("kenji", ATTACKER)).contains(Duration.ofSeconds(40));
  }

  @Test
  void loopbackIsTheLoopbackLiterals() {
    assertThat(LoginThrottle.loopback("127.0.0.1")).isTrue();
    assertThat(LoginThrottle.loopback("::1")).isTrue();
    assertThat(LoginThrottle.loopback("1270.0.0.1")).isFalse();
    assertThat(LoginThrottle.loopback("10.0.0.1")).isFalse();
    assertThat(LoginThrottle.loopback("unknown")).isFalse();
  }
}

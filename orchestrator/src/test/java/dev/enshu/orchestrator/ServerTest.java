package dev.enshu.orchestrator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the whole server on a random port: one in-memory H2 database, one data directory under
 * {@code target/}, the in-memory provider offered beside Docker, no first instructor printed, the
 * e2e-mini course in the online catalogue. Every test class with the same properties gets the same
 * server (Spring keeps one context per configuration), so its database and its background work are
 * shared: a test makes its own exercise ids and counts only what it made. A test that needs another
 * configuration adds {@code @TestPropertySource(properties = ...)}, which wins over these, and gets
 * a server of its own; it names its own database too, so that what it counts is its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:server-test;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=target/server-test/data",
      "enshu.console.recordings-dir=target/server-test/recordings",
      "enshu.providers.memory=true",
      "enshu.security.first-instructor=",
      "enshu.online.scenarios=src/test/resources/scenarios/e2e-mini.yaml"
    })
public @interface ServerTest {}

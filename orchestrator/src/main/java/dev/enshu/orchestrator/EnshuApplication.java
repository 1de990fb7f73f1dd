package dev.enshu.orchestrator;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Enshu server: REST API, live feeds and consoles, exercises and their ranges. */
@SpringBootApplication
@EnableScheduling
public class EnshuApplication {

  /** The clock every feature reads time from; tests replace it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Starts the server with Spring Boot's usual arguments ({@code --server.port=...}). */
  public static ConfigurableApplicationContext start(String... args) {
    SpringApplication application = new SpringApplication(EnshuApplication.class);
    return application.run(args);
  }
}

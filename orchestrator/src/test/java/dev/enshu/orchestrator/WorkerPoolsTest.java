package dev.enshu.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The server's pools: named threads, injected by name, closed after the beans that use them. */
class WorkerPoolsTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
          .withUserConfiguration(WorkerPools.class, Users.class);

  /** Stands for a service that hands work to a pool until it stops. */
  static final class Provisioner {
    final Executor pool;
    final AtomicReference<String> lastWorkOn = new AtomicReference<>();

    Provisioner(Executor pool) {
      this.pool = pool;
    }

    @PreDestroy
    void stop() {
      // a last piece of work while stopping, as the timeline's last tick may hand one over
      CompletableFuture.runAsync(() -> lastWorkOn.set(Thread.currentThread().getName()), pool)
          .join();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  static class Users {
    @Bean
    Provisioner provisioner(@Qualifier(WorkerPools.PROVISIONING) Executor pool) {
      return new Provisioner(pool);
    }
  }

  @Test
  void poolThreadsAreNamedAfterTheirWork() {
    context.run(
        running -> {
          Executor pool = running.getBean(WorkerPools.TIMELINE, Executor.class);
          AtomicReference<String> name = new AtomicReference<>();
          CompletableFuture.runAsync(() -> name.set(Thread.currentThread().getName()), pool).join();
          assertThat(name.get()).isEqualTo("enshu-timeline-action-1");
        });
  }

  @Test
  void poolsLeaveSpringsOwnExecutorAndSchedulerInPlace() {
    context.run(
        running -> {
          assertThat(running).hasBean("applicationTaskExecutor");
          assertThat(running).hasSingleBean(TaskScheduler.class);
        });
  }

  @Test
  void poolsCloseAfterTheBeansThatUseThemHaveStopped() throws InterruptedException {
    AtomicReference<Provisioner> provisioner = new AtomicReference<>();
    AtomicReference<ExecutorService> pool = new AtomicReference<>();
    context.run(
        running -> {
          provisioner.set(running.getBean(Provisioner.class));
          pool.set(running.getBean(WorkerPools.PROVISIONING, ExecutorService.class));
        });
    assertThat(provisioner.get().lastWorkOn.get())
        .as("work handed over while stopping still ran")
        .isEqualTo("enshu-provisioning-1");
    assertThat(pool.get().awaitTermination(0, TimeUnit.SECONDS))
        .as("the pool has terminated once the context is closed")
        .isTrue();
  }
}

package dev.enshu.orchestrator;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's long-lived thread pools: fixed pools of named threads ({@code enshu-provisioning-1},
 * ...), one per feature that works in the background. They are injected by name only
 * ({@code @Qualifier(WorkerPools.PROVISIONING)}), so they never stand in for Spring's own task
 * executor or scheduler. When the context closes, after every bean that uses them has stopped, they
 * take no more work, get {@link #GRACE} together to finish what is running, and are then
 * interrupted.
 */
@Configuration(proxyBeanMethods = false)
public class WorkerPools {
  /** Provisions the teams' ranges of an exercise, several at once. */
  public static final String PROVISIONING = "provisioningPool";

  /** Runs the teams' response and service checks. */
  public static final String CHECKS = "checkPool";

  /** Runs the actions of the injects the timeline fires. */
  public static final String TIMELINE = "timelinePool";

  static final Duration GRACE = Duration.ofSeconds(5);

  private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();

  @Bean(name = PROVISIONING, defaultCandidate = false, destroyMethod = "")
  ExecutorService provisioningPool() {
    return fixed("enshu-provisioning", 8);
  }

  @Bean(name = CHECKS, defaultCandidate = false, destroyMethod = "")
  ExecutorService checkPool() {
    return fixed("enshu-check", 8);
  }

  @Bean(name = TIMELINE, defaultCandidate = false, destroyMethod = "")
  ExecutorService timelinePool() {
    return fixed("enshu-timeline-action", 16);
  }

  private ExecutorService fixed(String name, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, named(name));
    pools.add(pool);
    return pool;
  }

  /**
   * Threads called {@code name-1}, {@code name-2}, ...; never daemons, like the JDK's default
   * threads, whatever thread first hands a pool work.
   */
  static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    };
  }

  /**
   * Runs after the pools' users have stopped: Spring destroys the beans a factory method made
   * before the configuration that made them.
   */
  @PreDestroy
  void shutdown() {
    pools.forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + GRACE.toNanos();
    try {
      for (ExecutorService pool : pools) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          pool.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      pools.forEach(ExecutorService::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }
}

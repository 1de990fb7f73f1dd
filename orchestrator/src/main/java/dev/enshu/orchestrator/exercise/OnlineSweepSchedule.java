package dev.enshu.orchestrator.exercise;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Looks for idle online runs every {@code enshu.online.sweep-interval}, once the server is up. */
@Component
class OnlineSweepSchedule {
  private final OnlineRuns runs;
  private final OnlineProperties settings;
  private final TaskScheduler scheduler;

  OnlineSweepSchedule(OnlineRuns runs, OnlineProperties settings, TaskScheduler scheduler) {
    this.runs = runs;
    this.settings = settings;
    this.scheduler = scheduler;
  }

  @EventListener(ApplicationReadyEvent.class)
  void schedule() {
    // sweeps until the scheduler shuts down with the server
    var unused = scheduler.scheduleWithFixedDelay(runs::sweep, settings.sweepInterval());
  }
}

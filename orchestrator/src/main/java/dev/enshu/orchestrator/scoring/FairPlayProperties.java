package dev.enshu.orchestrator.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scoring window, under {@code enshu.fair-play}.
 *
 * @param acceptWhilePaused whether a paused team may still send findings, take hints and send its
 *     report (default no: a pause stops the scenario clock, and work done then would be scored
 *     against a clock that does not run)
 */
@ConfigurationProperties("enshu.fair-play")
public record FairPlayProperties(@DefaultValue("false") boolean acceptWhilePaused) {}

/**
 * The attack timeline: one scenario clock per team, injects and messages fired when due (at most
 * once per team, across restarts), conditions that branch the story, and the library of attack
 * actions that really happen inside the team's range.
 */
package dev.enshu.orchestrator.timeline;

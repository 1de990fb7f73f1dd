/**
 * Course views that bring several features together for one page: the trainee's workspace (range,
 * messages, objectives, hints, report and score in one call) and the after-action review (journal,
 * score changes and console recordings, as JSON and as a printable page). They only read: every
 * change still goes through the feature that owns it.
 */
package dev.enshu.orchestrator.course;

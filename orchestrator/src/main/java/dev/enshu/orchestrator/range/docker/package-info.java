/**
 * The Docker provider: each segment of a team's range is an internal Docker network, each host a
 * container built locally from Debian packages, the firewall containers route between segments
 * under the template's rules. Reached only through Docker exec and attach.
 */
package dev.enshu.orchestrator.range.docker;

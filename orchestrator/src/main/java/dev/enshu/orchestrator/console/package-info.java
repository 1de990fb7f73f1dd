/**
 * The console gateway: trainees reach their range's hosts from the browser, instructors and venue
 * assistants watch them, and every terminal session is recorded for the after-action review.
 *
 * <p>Three transports, picked per host from the provider's {@link
 * dev.enshu.orchestrator.range.ConsoleEndpoint} by its type (the gateway pattern-matches the
 * endpoint and imports no provider's classes):
 *
 * <ul>
 *   <li><b>terminal</b> ({@code /api/console/terminal}): a PTY relayed both ways through the {@link
 *       dev.enshu.orchestrator.range.TerminalTransport} the provider put in its {@code Terminal}
 *       endpoint (Docker exec with a TTY for containers, the libvirt serial console stream for
 *       VMs), shared by its owner and any observers, recorded as asciicast v2;
 *   <li><b>vnc</b> ({@code /api/console/vnc}): RFB bytes relayed between noVNC and a VNC display
 *       bound to loopback (the provider's {@code Vnc} endpoint, from {@code RangeProvider.display}
 *       beside a VM's serial console), one display connection per browser, each through an RFB
 *       filter that drops a watcher's input unless the instructor granted control;
 *   <li><b>guacamole</b> ({@code /api/console/guacamole}): a guacamole-common tunnel to the
 *       configured guacd, with connection parameters derived from the range plan.
 * </ul>
 *
 * <p>Every connection is authorised on the server when it is opened ({@link
 * dev.enshu.orchestrator.console.ConsoleAuthorizer}); a refused connection is closed with code 4403
 * and a reason the page shows. The user is the one logged in on the handshake (the session cookie
 * of the web console, or HTTP Basic credentials), decided on the same access rules as the REST API;
 * no one logged in is refused with code 4401.
 *
 * <p>Memory policy: every browser connection has a bounded send buffer ({@code
 * enshu.console.send-buffer-bytes}) and a send time limit; a browser that falls further behind is
 * disconnected (close code 1011, "too slow"), never buffered for without bound. The PTY side is
 * read by the transport's own thread and handed to each connection's bounded buffer; input from
 * browsers goes through a bounded queue. Sessions without input for {@code
 * enshu.console.idle-timeout} are closed.
 */
package dev.enshu.orchestrator.console;

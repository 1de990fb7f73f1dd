/**
 * The libvirt provider: each host of a range is a virtual machine (direct kernel boot of a Debian
 * kernel, a qcow2 overlay on its role's base disk), each segment an isolated libvirt network with
 * no host-side address and no forwarding, reached only through the QEMU guest agent (exec) and the
 * serial console or a loopback VNC display (consoles). A range is placed whole on one host of a
 * pool of libvirt connections.
 */
package dev.enshu.orchestrator.range.libvirt;

/**
 * The emulated OpenWSN border-router mote's serial line: {@link io.sixjoin.emulator.serial.BorderRouterMote}
 * speaks the firmware's HDLC host protocol (echo, status round-robin, SETROOT, data both ways) without any
 * transport or thread of its own, and {@link io.sixjoin.emulator.serial.SerialServer} serves it on a TCP port so
 * that the radio bridge attaches to it as to a board.
 */
package io.sixjoin.emulator.serial;

/**
 * Byte links to a border-router mote: jSerialComm ports and ptys, TCP serial lines, the {@code --serial} spec
 * parser, {@code --list-ports}, and the reconnecting wrapper that survives a vanished port.
 */
package io.sixjoin.bridge.serial;

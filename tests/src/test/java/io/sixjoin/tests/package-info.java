/**
 * Cross-module end-to-end and interop tests: the CLI as a user meets it, and (with later issues) emulated
 * motes, a serial line, the bridge and the JRC run together through real ptys and sockets.
 */
package io.sixjoin.tests;

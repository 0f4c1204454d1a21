/**
 * Cross-module end-to-end and interop tests: the CLI as a user meets it, and emulated motes, a serial line (TCP or
 * a socat pty), the bridge and the JRC run together as separate processes through real ptys and sockets
 * ({@link io.sixjoin.tests.InteropTest}, on the plumbing of {@link io.sixjoin.tests.Deployment}).
 */
package io.sixjoin.tests;

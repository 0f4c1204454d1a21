/**
 * The Join Registrar/Coordinator process (arrives with the JRC issue): Californium CoAP endpoints serving
 * RFC 9031 {@code /j} over OSCORE, the durable pledge/node store (SQLite by default), network-key
 * management and rekeying, the IPv6-in-UDP tunnel endpoint for radio bridges, and later the cBRSKI
 * registrar and MASA. Protocol logic lives in {@code stack}; this package adapts it to sockets and storage.
 */
package io.sixjoin.jrc;

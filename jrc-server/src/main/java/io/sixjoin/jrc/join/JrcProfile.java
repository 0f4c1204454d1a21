package io.sixjoin.jrc.join;

/**
 * Which pledges the JRC is built to talk to. {@code RFC9031} answers exactly as RFC 9031 specifies.
 * {@code OPENWSN} admits unmodified openwsn-fw {@code cjoin} motes: it accepts their PAN ID byte order, echoes
 * the Stateless-Proxy option (CoAP option 40) of their join proxies outside OSCORE, and answers with only the
 * one-key key set their Configuration parser accepts ({@code {2: [key_id, key]}}; a short address or JRC
 * address would make the firmware reject the whole response).
 */
public enum JrcProfile {
    RFC9031, OPENWSN
}

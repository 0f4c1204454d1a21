package io.sixjoin.jrc.store;

/**
 * Where a network key is in its life: PENDING keys are distributed ahead of a rekey (RFC 9031 §8.4.3.1),
 * the ACTIVE generation is what new joiners receive, and RETIRED keys are kept only until no node uses
 * them.
 */
public enum KeyState {
    PENDING,
    ACTIVE,
    RETIRED
}

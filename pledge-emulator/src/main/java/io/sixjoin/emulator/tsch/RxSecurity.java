package io.sixjoin.emulator.tsch;

/**
 * What the MAC established about a received frame's link-layer security, so the upper layer can apply
 * its policy: a JP admits {@link #UNSECURED} frames only for join traffic, a pledge keeps the
 * {@link #UNVERIFIED} frame that carried its Join Response and verifies it once keyed.
 */
public enum RxSecurity {
    /** The frame carried no auxiliary security header. */
    UNSECURED,
    /** The MIC verified with an installed key (and the body was decrypted if it was encrypted). */
    VERIFIED,
    /** MIC-only frame read by a mote that has no key yet; not authenticated. */
    UNVERIFIED
}

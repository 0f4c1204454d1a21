package io.sixjoin.cbor.cojp;

import java.util.List;

/**
 * A value of the "CoJP Key Usage" registry (RFC 9031 Table 6). Every registered usage is
 * IEEE802154-AES-CCM-128, so every registered usage implies a 16-byte key; an unregistered usage keeps its
 * raw number but has no known key length, which is why the decoder refuses keys that carry one.
 *
 * @param value the raw key usage
 */
public record KeyUsage(long value) {
    private static final List<String> NAMES = List.of(
            "6TiSCH-K1K2-ENC-MIC32", "6TiSCH-K1K2-ENC-MIC64", "6TiSCH-K1K2-ENC-MIC128",
            "6TiSCH-K1K2-MIC32", "6TiSCH-K1K2-MIC64", "6TiSCH-K1K2-MIC128",
            "6TiSCH-K1-MIC32", "6TiSCH-K1-MIC64", "6TiSCH-K1-MIC128",
            "6TiSCH-K2-MIC32", "6TiSCH-K2-MIC64", "6TiSCH-K2-MIC128",
            "6TiSCH-K2-ENC-MIC32", "6TiSCH-K2-ENC-MIC64", "6TiSCH-K2-ENC-MIC128");

    public static final KeyUsage K1K2_ENC_MIC32 = new KeyUsage(0);
    public static final KeyUsage K1K2_ENC_MIC64 = new KeyUsage(1);
    public static final KeyUsage K1K2_ENC_MIC128 = new KeyUsage(2);
    public static final KeyUsage K1K2_MIC32 = new KeyUsage(3);
    public static final KeyUsage K1K2_MIC64 = new KeyUsage(4);
    public static final KeyUsage K1K2_MIC128 = new KeyUsage(5);
    public static final KeyUsage K1_MIC32 = new KeyUsage(6);
    public static final KeyUsage K1_MIC64 = new KeyUsage(7);
    public static final KeyUsage K1_MIC128 = new KeyUsage(8);
    public static final KeyUsage K2_MIC32 = new KeyUsage(9);
    public static final KeyUsage K2_MIC64 = new KeyUsage(10);
    public static final KeyUsage K2_MIC128 = new KeyUsage(11);
    public static final KeyUsage K2_ENC_MIC32 = new KeyUsage(12);
    public static final KeyUsage K2_ENC_MIC64 = new KeyUsage(13);
    public static final KeyUsage K2_ENC_MIC128 = new KeyUsage(14);

    /** Length of an AES-CCM-128 key, the algorithm of every registered usage. */
    public static final int AES_CCM_128_KEY_LENGTH = 16;

    public static KeyUsage of(long value) {
        return new KeyUsage(value);
    }

    public boolean isKnown() {
        return value >= 0 && value < NAMES.size();
    }

    /** Key length in bytes the usage's algorithm needs, or -1 if the usage is not registered. */
    public int keyLength() {
        return isKnown() ? AES_CCM_128_KEY_LENGTH : -1;
    }

    @Override
    public String toString() {
        return isKnown() ? NAMES.get((int) value) : "unknown(" + value + ")";
    }
}

package io.sixjoin.cbor.cojp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One Link_Layer_Key group of a Configuration's key set (RFC 9031 §8.4.3). The constructor enforces what
 * the decoder enforces (key_id at most 254, a 16-byte key for a registered usage, and the IEEE 802.15.4
 * Key ID Mode combinations of §8.4.3.3), so an instance that exists can always be encoded and installed.
 * Whether key_usage was written is kept, because the RFC default (0) must not turn an absent field into
 * an explicit one on re-encoding.
 *
 * @param keyId       802.15.4 key index, 0..254 (255 is reserved)
 * @param keyUsage    the usage as sent, or empty when absent on the wire
 * @param keyValue    the 16-byte AES-CCM-128 key; never printed
 * @param keyAddinfo  key source or peer address, depending on the Key ID Mode
 */
public record LinkLayerKey(long keyId, Optional<KeyUsage> keyUsage, byte[] keyValue,
                           Optional<ByteString> keyAddinfo) {
    /** The largest usable 802.15.4 key index; 255 is reserved. */
    public static final long MAX_KEY_ID = 254;

    public LinkLayerKey {
        Objects.requireNonNull(keyUsage, "keyUsage");
        Objects.requireNonNull(keyAddinfo, "keyAddinfo");
        keyValue = keyValue.clone();
        CojpDecodeException.Reason problem = check(keyId, keyUsage, keyValue.length, keyAddinfo);
        if (problem != null) {
            throw new IllegalArgumentException("invalid link-layer key: " + problem);
        }
    }

    /** A key in Key ID Mode 0x01: usage absent (so 0 is assumed), no add-info. */
    public static LinkLayerKey of(long keyId, byte[] keyValue) {
        return new LinkLayerKey(keyId, Optional.empty(), keyValue, Optional.empty());
    }

    /** Shared by the constructor and the decoder so both reject exactly the same keys. */
    static CojpDecodeException.Reason check(long keyId, Optional<KeyUsage> usage, int keyLength,
                                            Optional<ByteString> addinfo) {
        if (keyId < 0 || keyId > MAX_KEY_ID) {
            return CojpDecodeException.Reason.INVALID_KEY_ID;
        }
        KeyUsage effective = usage.orElse(KeyUsage.K1K2_ENC_MIC32);
        if (!effective.isKnown()) {
            return CojpDecodeException.Reason.UNKNOWN_KEY_USAGE;
        }
        if (keyLength != effective.keyLength()) {
            return CojpDecodeException.Reason.INVALID_KEY_LENGTH;
        }
        int info = addinfo.map(ByteString::length).orElse(-1);
        boolean modeOk = keyId == 0 ? (info == 8 || info == 2 || info == 10)
                : (info == -1 || info == 4 || info == 8);
        return modeOk ? null : CojpDecodeException.Reason.INVALID_KEY_ID_MODE;
    }

    /** The usage a receiver applies: the one sent, or 6TiSCH-K1K2-ENC-MIC32 when absent. */
    public KeyUsage effectiveKeyUsage() {
        return keyUsage.orElse(KeyUsage.K1K2_ENC_MIC32);
    }

    /** IEEE 802.15.4 Key ID Mode this key implies (§8.4.3.3). */
    public int keyIdMode() {
        if (keyId == 0) {
            return 0;
        }
        return keyAddinfo.map(a -> a.length() == 4 ? 2 : 3).orElse(1);
    }

    @Override
    public byte[] keyValue() {
        return keyValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkLayerKey k && keyId == k.keyId && keyUsage.equals(k.keyUsage)
                && Arrays.equals(keyValue, k.keyValue) && keyAddinfo.equals(k.keyAddinfo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, keyUsage, Arrays.hashCode(keyValue), keyAddinfo);
    }

    @Override
    public String toString() {
        return "LinkLayerKey[keyId=" + keyId + ", keyUsage=" + keyUsage.map(KeyUsage::toString).orElse("absent")
                + ", keyValue=[redacted], keyAddinfo=" + keyAddinfo.map(ByteString::toString).orElse("absent") + "]";
    }
}

package io.sixjoin.stack.ieee802154.security;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;

/**
 * The auxiliary security header (802.15.4-2015 §9.4), placed after the addressing fields of a frame with
 * Security Enabled set. Security Control (1 byte): level bits 0-2, key identifier mode bits 3-4, frame
 * counter suppression bit 5, ASN in nonce bit 6, bit 7 reserved (refused). Then the frame counter (4 bytes,
 * little-endian) unless suppressed, then the key identifier: nothing (mode 0), key index (mode 1), 4-byte
 * key source + index (mode 2), 8-byte key source + index (mode 3).
 *
 * <p>TSCH suppresses the frame counter and uses the ASN in the nonce; {@link #tsch} builds that header the
 * way OpenWSN sends it: key ID mode 1 and bits 5 and 6 both set (control byte 0x6d for ENC-MIC-32).
 *
 * <pre>{@code
 * AuxSecurityHeader aux = AuxSecurityHeader.tsch(SecurityLevel.ENC_MIC_32, 1);   // 6d 01
 * }</pre>
 *
 * @param level        security level
 * @param keyIdMode    0..3
 * @param frameCounter the 32-bit frame counter, or null when suppressed
 * @param asnInNonce   bit 6: the nonce carries the ASN instead of the frame counter
 * @param keySource    0, 4 or 8 bytes as the key ID mode requires (mode 2/3 only); copied
 * @param keyIndex     key index 0..255 for modes 1..3, -1 for mode 0
 */
public record AuxSecurityHeader(SecurityLevel level, int keyIdMode, Long frameCounter, boolean asnInNonce,
        byte[] keySource, int keyIndex) {
    private static final int[] KEY_SOURCE_LENGTH = {0, 0, 4, 8};

    public AuxSecurityHeader {
        Objects.requireNonNull(level, "level");
        if (keyIdMode < 0 || keyIdMode > 3) {
            throw new IllegalArgumentException("key identifier mode " + keyIdMode + " outside 0..3");
        }
        if (frameCounter != null && (frameCounter < 0 || frameCounter > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("frame counter " + frameCounter + " outside 32 bits");
        }
        Objects.requireNonNull(keySource, "keySource");
        if (keySource.length != KEY_SOURCE_LENGTH[keyIdMode]) {
            throw new IllegalArgumentException("key ID mode " + keyIdMode + " needs a key source of "
                    + KEY_SOURCE_LENGTH[keyIdMode] + " bytes, not " + keySource.length);
        }
        if (keyIdMode == 0 ? keyIndex != -1 : keyIndex < 0 || keyIndex > 0xFF) {
            throw new IllegalArgumentException("key index " + keyIndex + " invalid for key ID mode " + keyIdMode);
        }
        keySource = keySource.clone();
    }

    /** The TSCH header OpenWSN sends: key ID mode 1, frame counter suppressed, ASN in nonce. */
    public static AuxSecurityHeader tsch(SecurityLevel level, int keyIndex) {
        return new AuxSecurityHeader(level, 1, null, true, new byte[0], keyIndex);
    }

    /** Decodes the header at {@code offset} of {@code frame}, which has {@code limit} valid bytes. */
    public static AuxSecurityHeader parse(byte[] frame, int offset, int limit) throws FrameFormatException {
        require(limit - offset >= 1, Reason.TRUNCATED, "auxiliary security header missing");
        int control = frame[offset] & 0xFF;
        require((control & 0x80) == 0, Reason.BAD_SECURITY_HEADER,
                String.format("reserved bit 7 set in security control 0x%02x", control));
        int mode = (control >>> 3) & 3;
        boolean suppressed = (control & 0x20) != 0;
        int length = 1 + (suppressed ? 0 : 4) + KEY_SOURCE_LENGTH[mode] + (mode == 0 ? 0 : 1);
        require(limit - offset >= length, Reason.TRUNCATED, "auxiliary security header needs " + length
                + " bytes, " + (limit - offset) + " left");
        int pos = offset + 1;
        Long counter = null;
        if (!suppressed) {
            counter = (frame[pos] & 0xFFL) | (frame[pos + 1] & 0xFFL) << 8 | (frame[pos + 2] & 0xFFL) << 16
                    | (frame[pos + 3] & 0xFFL) << 24;
            pos += 4;
        }
        byte[] source = Arrays.copyOfRange(frame, pos, pos + KEY_SOURCE_LENGTH[mode]);
        pos += source.length;
        int index = mode == 0 ? -1 : frame[pos] & 0xFF;
        return new AuxSecurityHeader(SecurityLevel.of(control & 7), mode, counter, (control & 0x40) != 0, source,
                index);
    }

    /** Bytes {@link #emitTo} writes. */
    public int encodedLength() {
        return 1 + (frameCounter == null ? 0 : 4) + keySource.length + (keyIdMode == 0 ? 0 : 1);
    }

    /** Writes {@link #encodedLength()} bytes at {@code offset}; returns that length. */
    public int emitTo(byte[] buffer, int offset) {
        int pos = offset;
        buffer[pos++] = (byte) (level.value() | keyIdMode << 3 | (frameCounter == null ? 0x20 : 0)
                | (asnInNonce ? 0x40 : 0));
        if (frameCounter != null) {
            for (int i = 0; i < 4; i++) {
                buffer[pos++] = (byte) (frameCounter >>> (8 * i));
            }
        }
        System.arraycopy(keySource, 0, buffer, pos, keySource.length);
        pos += keySource.length;
        if (keyIdMode != 0) {
            buffer[pos++] = (byte) keyIndex;
        }
        return pos - offset;
    }

    @Override
    public byte[] keySource() {
        return keySource.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuxSecurityHeader a && a.level == level && a.keyIdMode == keyIdMode
                && Objects.equals(a.frameCounter, frameCounter) && a.asnInNonce == asnInNonce
                && Arrays.equals(a.keySource, keySource) && a.keyIndex == keyIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, keyIdMode, frameCounter, asnInNonce, Arrays.hashCode(keySource), keyIndex);
    }

    @Override
    public String toString() {
        return "AuxSecurityHeader[" + level + ", keyIdMode " + keyIdMode + ", frameCounter "
                + (frameCounter == null ? "suppressed" : frameCounter) + (asnInNonce ? ", ASN in nonce" : "")
                + (keySource.length > 0 ? ", keySource " + HexFormat.of().formatHex(keySource) : "")
                + (keyIdMode != 0 ? ", keyIndex " + keyIndex : "") + "]";
    }
}

package io.sixjoin.stack.openwsn;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * 'F': a line of firmware printf output ({@code BOARD_OPENSERIAL_PRINTF} builds). The text is kept byte for byte
 * (ISO-8859-1), so any byte survives a round trip even though the firmware only means ASCII.
 *
 * <pre>{@code
 * if (MoteFrameCodec.parse(payload) instanceof Printf p) log.info("mote {}: {}", p.moteId(), p.text());
 * }</pre>
 *
 * @param moteId the mote's 16-bit ID
 * @param asn    its ASN when it printed (5 bytes little-endian, as in DATA)
 * @param text   the formatted text, without terminator
 */
public record Printf(int moteId, long asn, String text) implements MoteFrame {
    /** Type, mote ID and ASN. */
    public static final int HEADER_LENGTH = 8;

    public Printf {
        Wire.u16(moteId, "moteId");
        Wire.asn(asn);
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("printf text must be single-byte (ISO-8859-1)");
        }
    }

    @Override
    public int type() {
        return PRINTF;
    }

    @Override
    public int encodedLength() {
        return HEADER_LENGTH + text.length();
    }

    @Override
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        buffer[offset] = (byte) PRINTF;
        Wire.put16be(buffer, offset + 1, moteId);
        Wire.putAsnLe(buffer, offset + 3, asn);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, buffer, offset + HEADER_LENGTH, bytes.length);
    }
}

package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.OpenWsnFormatException.require;

import java.util.Arrays;

import io.sixjoin.stack.openwsn.OpenWsnFormatException.Reason;

/**
 * Reads and writes host-to-mote OpenWSN serial frames. The bridge encodes; the emulated border-router mote
 * parses, and enforces the same length rules as the firmware's {@code openserial_handleRxFrame}: a SETROOT
 * must carry exactly 26 bytes and a DATA frame 8 to 126, otherwise the firmware logs ERR_INPUTBUFFER_LENGTH
 * and drops it, which a caller does on {@link OpenWsnFormatException}. A RESET with trailing bytes is refused
 * too, so that every accepted frame re-encodes to the same bytes. Unknown types are {@link HostFrame.Unknown}.
 *
 * <pre>{@code
 * byte[] wire = HdlcEncoder.encode(HostFrameCodec.encode(new HostFrame.Echo(probe))); // bridge
 * HostFrame command = HostFrameCodec.parse(frame.payload());                        // emulated mote
 * }</pre>
 */
public final class HostFrameCodec {
    private HostFrameCodec() {
    }

    /**
     * Decodes one HDLC payload (FCS already removed).
     *
     * @throws OpenWsnFormatException if a known frame type has a length the firmware would reject, never another
     *                                exception
     */
    public static HostFrame parse(byte[] payload) throws OpenWsnFormatException {
        require(payload.length > 0, Reason.EMPTY, "HDLC frame without a frame type");
        int type = payload[0] & 0xFF;
        int bodyLength = payload.length - 1;
        switch (type) {
            case HostFrame.SET_ROOT -> {
                require(bodyLength >= HostFrame.SetRoot.PAYLOAD_LENGTH, Reason.TRUNCATED,
                        "SETROOT with " + bodyLength + " bytes, needs exactly " + HostFrame.SetRoot.PAYLOAD_LENGTH);
                require(bodyLength == HostFrame.SetRoot.PAYLOAD_LENGTH, Reason.BAD_LENGTH,
                        "SETROOT with " + bodyLength + " bytes, needs exactly " + HostFrame.SetRoot.PAYLOAD_LENGTH);
                return new HostFrame.SetRoot(payload[1] & 0xFF, Wire.u64be(payload, 2), payload[10] & 0xFF,
                        Arrays.copyOfRange(payload, 11, 27));
            }
            case HostFrame.DATA -> {
                require(bodyLength >= 8, Reason.TRUNCATED,
                        "DATA with " + bodyLength + " bytes, the next-hop EUI-64 alone needs 8");
                require(bodyLength <= 8 + HostFrame.DataDown.MAX_LOWPAN_LENGTH, Reason.BAD_LENGTH,
                        "DATA with " + bodyLength + " bytes, the mote accepts at most 126");
                return new HostFrame.DataDown(Wire.u64be(payload, 1), Arrays.copyOfRange(payload, 9, payload.length));
            }
            case HostFrame.ECHO -> {
                return new HostFrame.Echo(Arrays.copyOfRange(payload, 1, payload.length));
            }
            case HostFrame.RESET -> {
                require(bodyLength == 0, Reason.BAD_LENGTH, "RESET with " + bodyLength + " trailing bytes");
                return new HostFrame.Reset();
            }
            default -> {
                return new HostFrame.Unknown(type, Arrays.copyOfRange(payload, 1, payload.length));
            }
        }
    }

    /** The frame's bytes, type first, ready for {@link io.sixjoin.stack.hdlc.HdlcEncoder}. */
    public static byte[] encode(HostFrame frame) {
        byte[] out = new byte[frame.encodedLength()];
        frame.emitTo(out, 0);
        return out;
    }
}

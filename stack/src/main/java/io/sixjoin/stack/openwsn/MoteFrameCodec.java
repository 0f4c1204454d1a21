package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.OpenWsnFormatException.require;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.sixjoin.stack.openwsn.OpenWsnFormatException.Reason;

/**
 * Reads and writes mote-to-host OpenWSN serial frames, i.e. the payloads {@link io.sixjoin.stack.hdlc.HdlcDecoder}
 * delivers and {@link io.sixjoin.stack.hdlc.HdlcEncoder} frames. The bridge parses, the mote emulator encodes.
 * Parsing checks each type's fixed fields once, up front; unknown frame types become {@link MoteFrame.Unknown}
 * rather than errors, because newer firmware adds types and the line must keep working. A 'D' frame whose
 * payload after the ASN is shorter than the two hop addresses is an echo reply ({@link MoteFrame.EchoReply}),
 * otherwise a {@link MoteFrame.Data}: the wire does not say which, and only echo replies can be that short.
 *
 * <pre>{@code
 * MoteFrame frame = MoteFrameCodec.parse(hdlcFrame.payload());   // bridge
 * byte[] line = HdlcEncoder.encode(MoteFrameCodec.encode(frame)); // emulator
 * }</pre>
 */
public final class MoteFrameCodec {
    private MoteFrameCodec() {
    }

    /**
     * Decodes one HDLC payload (FCS already removed).
     *
     * @throws OpenWsnFormatException if a known frame type is too short or has a forbidden length, never another
     *                                exception
     */
    public static MoteFrame parse(byte[] payload) throws OpenWsnFormatException {
        require(payload.length > 0, Reason.EMPTY, "HDLC frame without a frame type");
        int type = payload[0] & 0xFF;
        Optional<Log.Level> level = Log.Level.ofType(type);
        if (level.isPresent()) {
            return parseLog(level.get(), payload);
        }
        return switch (type) {
            case MoteFrame.DATA -> parseData(payload);
            case MoteFrame.STATUS -> {
                need(payload, MoteFrame.Status.HEADER_LENGTH, "STATUS");
                yield new MoteFrame.Status(Wire.u16be(payload, 1), payload[3] & 0xFF,
                        tail(payload, MoteFrame.Status.HEADER_LENGTH));
            }
            case MoteFrame.SNIFFED -> {
                need(payload, 4, "SNIFFED");
                yield new Sniffed(Wire.u16be(payload, 1), Arrays.copyOfRange(payload, 3, payload.length - 1),
                        payload[payload.length - 1] & 0xFF);
            }
            case MoteFrame.PRINTF -> {
                need(payload, Printf.HEADER_LENGTH, "PRINTF");
                yield new Printf(Wire.u16be(payload, 1), Wire.asnLe(payload, 3), new String(payload,
                        Printf.HEADER_LENGTH, payload.length - Printf.HEADER_LENGTH, StandardCharsets.ISO_8859_1));
            }
            default -> new MoteFrame.Unknown(type, tail(payload, 1));
        };
    }

    /** The frame's bytes, type first, ready for {@link io.sixjoin.stack.hdlc.HdlcEncoder}. */
    public static byte[] encode(MoteFrame frame) {
        byte[] out = new byte[frame.encodedLength()];
        frame.emitTo(out, 0);
        return out;
    }

    /** Whether {@code type} has its own record, so that {@link MoteFrame.Unknown} never shadows one. */
    static boolean isKnownType(int type) {
        return type == MoteFrame.DATA || type == MoteFrame.STATUS || type == MoteFrame.SNIFFED
                || type == MoteFrame.PRINTF || Log.Level.ofType(type).isPresent();
    }

    private static MoteFrame parseData(byte[] p) throws OpenWsnFormatException {
        need(p, MoteFrame.EchoReply.HEADER_LENGTH, "DATA");
        int moteId = Wire.u16be(p, 1);
        long asn = Wire.asnLe(p, 3);
        if (p.length < MoteFrame.Data.HEADER_LENGTH) {
            return new MoteFrame.EchoReply(moteId, asn, tail(p, MoteFrame.EchoReply.HEADER_LENGTH));
        }
        return new MoteFrame.Data(moteId, asn, Wire.u64be(p, 8), Wire.u64be(p, 16),
                tail(p, MoteFrame.Data.HEADER_LENGTH));
    }

    private static Log parseLog(Log.Level level, byte[] p) throws OpenWsnFormatException {
        need(p, Log.LENGTH, "log " + level);
        require(p.length == Log.LENGTH, Reason.BAD_LENGTH,
                "log " + level + " frame of " + p.length + " bytes, always " + Log.LENGTH);
        return new Log(level, Wire.u16be(p, 1), p[3] & 0xFF, p[4] & 0xFF, Wire.u16be(p, 5), Wire.u16be(p, 7));
    }

    private static void need(byte[] p, int length, String what) throws OpenWsnFormatException {
        require(p.length >= length, Reason.TRUNCATED,
                what + " frame of " + p.length + " bytes, its fixed fields need " + length);
    }

    private static byte[] tail(byte[] p, int from) {
        return Arrays.copyOfRange(p, from, p.length);
    }
}

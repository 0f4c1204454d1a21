package io.sixjoin.stack.rpl;

import static io.sixjoin.stack.rpl.RplFormatException.require;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

import io.sixjoin.stack.rpl.RplFormatException.Reason;

/**
 * RFC 6550 §6.3 DODAG Information Object, ICMPv6 type 155 code 0x01:
 * {@code RPLInstanceID(1) Version(1) Rank(2) G|0|MOP(3)|Prf(3) DTSN(1) Flags(1) Reserved(1) DODAGID(16)
 * options}. OpenWSN roots send G=1, MOP=1 (non-storing), instance 0, version 0, rank 256, with a DODAG
 * Configuration and a Prefix Information option (reference §2.3); the emulator will send these.
 *
 * <pre>{@code
 * Dio dio = new Dio(0, 0, 256, true, Dio.MOP_NON_STORING, 0, dtsn, 0, rootAddress, List.of(config, pio));
 * Ipv6Packet p = dio.toIcmpv6().toIpv6(rootLinkLocal, allRplNodes, 255);
 * }</pre>
 *
 * @param instanceId RPLInstanceID
 * @param version    Version Number
 * @param rank       Rank
 * @param grounded   G flag
 * @param mop        Mode of Operation (0..7)
 * @param preference DODAGPreference (0..7)
 * @param dtsn       Destination Advertisement Trigger Sequence Number
 * @param flags      the Flags byte (reserved in RFC 6550), kept as received
 * @param dodagId    DODAGID
 * @param options    options in order
 */
public record Dio(int instanceId, int version, int rank, boolean grounded, int mop, int preference, int dtsn,
        int flags, Inet6Address dodagId, List<RplOption> options) {
    /** ICMPv6 code of a DIO. */
    public static final int CODE = 0x01;
    /** RFC 6550 §6.3.1 MOP 1: non-storing. */
    public static final int MOP_NON_STORING = 1;
    private static final int FIXED = 24;

    public Dio {
        if ((instanceId | version | dtsn | flags) >>> 8 != 0 || rank >>> 16 != 0 || mop >>> 3 != 0
                || preference >>> 3 != 0 || (instanceId | version | dtsn | flags | rank | mop | preference) < 0) {
            throw new IllegalArgumentException("DIO field out of range");
        }
        Objects.requireNonNull(dodagId, "dodagId");
        options = List.copyOf(options);
    }

    /**
     * Decodes a DIO from its ICMPv6 message.
     *
     * @throws RplFormatException if it is not a DIO or is malformed
     */
    public static Dio parse(Icmpv6Message message) throws RplFormatException {
        require(message.type() == Icmpv6Message.TYPE_RPL && message.code() == CODE, Reason.WRONG_MESSAGE,
                "type " + message.type() + " code " + message.code() + " is not a DIO (155/1)");
        return parse(message.body());
    }

    /**
     * Decodes a DIO body.
     *
     * @throws RplFormatException if the body is truncated or an option is malformed
     */
    public static Dio parse(byte[] b) throws RplFormatException {
        require(b.length >= FIXED, Reason.TRUNCATED, "DIO of " + b.length + " bytes, at least 24 needed");
        int g = b[4] & 0xFF;
        return new Dio(b[0] & 0xFF, b[1] & 0xFF, RplOptions.u16(b, 2), (g & 0x80) != 0, (g >>> 3) & 7, g & 7,
                b[5] & 0xFF, b[6] & 0xFF, RplOptions.address(b, 8), RplOptions.parse(b, FIXED, b.length));
    }

    /** Bytes of body {@link #emitTo} writes. */
    public int encodedLength() {
        return FIXED + RplOptions.encodedLength(options);
    }

    /** Writes the body at {@code offset}; the reserved bit after G and the Reserved byte are zero. */
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        buffer[offset] = (byte) instanceId;
        buffer[offset + 1] = (byte) version;
        RplOptions.put16(buffer, offset + 2, rank);
        buffer[offset + 4] = (byte) ((grounded ? 0x80 : 0) | (mop << 3) | preference);
        buffer[offset + 5] = (byte) dtsn;
        buffer[offset + 6] = (byte) flags;
        buffer[offset + 7] = 0;
        System.arraycopy(dodagId.getAddress(), 0, buffer, offset + 8, 16);
        RplOptions.emitTo(options, buffer, offset + FIXED);
    }

    /** This DIO as an ICMPv6 message. */
    public Icmpv6Message toIcmpv6() {
        byte[] body = new byte[encodedLength()];
        emitTo(body, 0);
        return new Icmpv6Message(Icmpv6Message.TYPE_RPL, CODE, body);
    }
}

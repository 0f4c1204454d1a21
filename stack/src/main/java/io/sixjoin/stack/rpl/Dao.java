package io.sixjoin.stack.rpl;

import static io.sixjoin.stack.rpl.RplFormatException.require;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sixjoin.stack.rpl.RplFormatException.Reason;

/**
 * RFC 6550 §6.4 Destination Advertisement Object, the ICMPv6 type 155 code 0x02 body:
 * {@code RPLInstanceID(1) K|D|flags(1) reserved(1) DAOSequence(1) [DODAGID(16) if D] options}. In
 * non-storing mode (OpenWSN, MOP 1) each node sends its DAO to the root with a Transit Information option
 * naming its parent; {@link SourceRoutingTable#learn} turns them into routes.
 *
 * <pre>{@code
 * Icmpv6Message m = Icmpv6Message.parse(packet);
 * Dao dao = Dao.parse(m);                       // checks type 155 code 2
 * table.learn(packet.source(), dao, nowMillis);
 * }</pre>
 *
 * @param instanceId   RPLInstanceID
 * @param ackRequested K flag: the sender wants a DAO-ACK
 * @param sequence     DAOSequence
 * @param dodagId      DODAGID, present iff the D flag is set
 * @param options      options in order (Target, Transit, padding, unknown)
 */
public record Dao(int instanceId, boolean ackRequested, int sequence, Optional<Inet6Address> dodagId,
        List<RplOption> options) {
    /** ICMPv6 code of a DAO. */
    public static final int CODE = 0x02;
    static final int K = 0x80;
    static final int D = 0x40;

    public Dao {
        if (instanceId < 0 || instanceId > 0xFF || sequence < 0 || sequence > 0xFF) {
            throw new IllegalArgumentException("instance " + instanceId + " / sequence " + sequence);
        }
        Objects.requireNonNull(dodagId, "dodagId");
        options = List.copyOf(options);
    }

    /**
     * Decodes a DAO from its ICMPv6 message.
     *
     * @throws RplFormatException if it is not a DAO or is malformed
     */
    public static Dao parse(Icmpv6Message message) throws RplFormatException {
        require(message.type() == Icmpv6Message.TYPE_RPL && message.code() == CODE, Reason.WRONG_MESSAGE,
                "type " + message.type() + " code " + message.code() + " is not a DAO (155/2)");
        return parse(message.body());
    }

    /**
     * Decodes a DAO body (the bytes after the ICMPv6 checksum).
     *
     * @throws RplFormatException if the body is truncated or an option is malformed
     */
    public static Dao parse(byte[] body) throws RplFormatException {
        require(body.length >= 4, Reason.TRUNCATED, "DAO of " + body.length + " bytes, at least 4 needed");
        boolean hasDodagId = (body[1] & D) != 0;
        int optionsAt = hasDodagId ? 20 : 4;
        require(body.length >= optionsAt, Reason.TRUNCATED, "DAO with D flag needs 20 bytes, has " + body.length);
        Optional<Inet6Address> dodagId = hasDodagId ? Optional.of(RplOptions.address(body, 4)) : Optional.empty();
        return new Dao(body[0] & 0xFF, (body[1] & K) != 0, body[3] & 0xFF, dodagId,
                RplOptions.parse(body, optionsAt, body.length));
    }

    /** Bytes of body {@link #emitTo} writes. */
    public int encodedLength() {
        return (dodagId.isPresent() ? 20 : 4) + RplOptions.encodedLength(options);
    }

    /** Writes the body at {@code offset}; reserved bits are zero. */
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        buffer[offset] = (byte) instanceId;
        buffer[offset + 1] = (byte) ((ackRequested ? K : 0) | (dodagId.isPresent() ? D : 0));
        buffer[offset + 2] = 0;
        buffer[offset + 3] = (byte) sequence;
        dodagId.ifPresent(a -> System.arraycopy(a.getAddress(), 0, buffer, offset + 4, 16));
        RplOptions.emitTo(options, buffer, offset + (dodagId.isPresent() ? 20 : 4));
    }

    /** This DAO as an ICMPv6 message. */
    public Icmpv6Message toIcmpv6() {
        byte[] body = new byte[encodedLength()];
        emitTo(body, 0);
        return new Icmpv6Message(Icmpv6Message.TYPE_RPL, CODE, body);
    }
}

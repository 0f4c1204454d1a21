package io.sixjoin.stack.rpl;

import static io.sixjoin.stack.rpl.RplFormatException.require;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sixjoin.stack.rpl.RplFormatException.Reason;

/**
 * RFC 6550 §6.5 DAO Acknowledgement, ICMPv6 type 155 code 0x03:
 * {@code RPLInstanceID(1) D|reserved(1) DAOSequence(1) Status(1) [DODAGID(16)] options}. The root answers
 * a DAO whose K flag is set with the same sequence; status 0 is unqualified acceptance, 128 and above are
 * rejections.
 *
 * <pre>{@code
 * Icmpv6Message ack = new DaoAck(dao.instanceId(), dao.sequence(), 0, dao.dodagId(), List.of()).toIcmpv6();
 * }</pre>
 *
 * @param instanceId RPLInstanceID
 * @param sequence   the acknowledged DAOSequence
 * @param status     Status
 * @param dodagId    DODAGID, present iff the D flag is set
 * @param options    options (none are defined by RFC 6550, kept for extensions)
 */
public record DaoAck(int instanceId, int sequence, int status, Optional<Inet6Address> dodagId,
        List<RplOption> options) {
    /** ICMPv6 code of a DAO-ACK. */
    public static final int CODE = 0x03;
    static final int D = 0x80;

    public DaoAck {
        if ((instanceId | sequence | status) >>> 8 != 0 || instanceId < 0 || sequence < 0 || status < 0) {
            throw new IllegalArgumentException("DAO-ACK fields are bytes");
        }
        Objects.requireNonNull(dodagId, "dodagId");
        options = List.copyOf(options);
    }

    /**
     * Decodes a DAO-ACK from its ICMPv6 message.
     *
     * @throws RplFormatException if it is not a DAO-ACK or is malformed
     */
    public static DaoAck parse(Icmpv6Message message) throws RplFormatException {
        require(message.type() == Icmpv6Message.TYPE_RPL && message.code() == CODE, Reason.WRONG_MESSAGE,
                "type " + message.type() + " code " + message.code() + " is not a DAO-ACK (155/3)");
        byte[] body = message.body();
        require(body.length >= 4, Reason.TRUNCATED, "DAO-ACK of " + body.length + " bytes");
        boolean hasDodagId = (body[1] & D) != 0;
        int optionsAt = hasDodagId ? 20 : 4;
        require(body.length >= optionsAt, Reason.TRUNCATED, "DAO-ACK with D flag needs 20 bytes");
        Optional<Inet6Address> dodagId = hasDodagId ? Optional.of(RplOptions.address(body, 4)) : Optional.empty();
        return new DaoAck(body[0] & 0xFF, body[2] & 0xFF, body[3] & 0xFF, dodagId,
                RplOptions.parse(body, optionsAt, body.length));
    }

    /** Bytes of body {@link #emitTo} writes. */
    public int encodedLength() {
        return (dodagId.isPresent() ? 20 : 4) + RplOptions.encodedLength(options);
    }

    /** Writes the body at {@code offset}. */
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        buffer[offset] = (byte) instanceId;
        buffer[offset + 1] = (byte) (dodagId.isPresent() ? D : 0);
        buffer[offset + 2] = (byte) sequence;
        buffer[offset + 3] = (byte) status;
        dodagId.ifPresent(a -> System.arraycopy(a.getAddress(), 0, buffer, offset + 4, 16));
        RplOptions.emitTo(options, buffer, offset + (dodagId.isPresent() ? 20 : 4));
    }

    /** This DAO-ACK as an ICMPv6 message. */
    public Icmpv6Message toIcmpv6() {
        byte[] body = new byte[encodedLength()];
        emitTo(body, 0);
        return new Icmpv6Message(Icmpv6Message.TYPE_RPL, CODE, body);
    }
}

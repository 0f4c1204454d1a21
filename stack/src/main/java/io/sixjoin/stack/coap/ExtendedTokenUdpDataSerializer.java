package io.sixjoin.stack.coap;

import static io.sixjoin.stack.coap.ExtendedTokenUdpDataParser.ONE_BYTE_OFFSET;
import static io.sixjoin.stack.coap.ExtendedTokenUdpDataParser.TKL_ONE_BYTE;
import static io.sixjoin.stack.coap.ExtendedTokenUdpDataParser.TKL_TWO_BYTES;
import static io.sixjoin.stack.coap.ExtendedTokenUdpDataParser.TWO_BYTE_OFFSET;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.CODE_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.MESSAGE_ID_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.TOKEN_LENGTH_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.TYPE_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.VERSION_BITS;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.network.serialization.DataSerializer;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramWriter;

/**
 * Serializes CoAP-over-UDP messages like Californium's {@code UdpDataSerializer}, and additionally writes RFC 8974
 * extended tokens: the real bytes of an {@link ExtendedToken} go on the wire, with TKL 9..12 for lengths 9..12,
 * TKL 13 plus one extended-length byte for 13..268 and TKL 14 plus two for 269..65804 — the only encoding each
 * length has, and hence the shortest. Tokens of up to 8 bytes produce exactly the bytes Californium's serializer
 * produces (the tests compare both). It extends {@link DataSerializer} directly because
 * {@code UdpDataSerializer} is {@code final} in Californium 3.13.
 */
public class ExtendedTokenUdpDataSerializer extends DataSerializer {

    @Override
    protected void serializeMessage(DatagramWriter writer, Message message) {
        int mid = message.getMID();
        if (mid == Message.NONE) {
            throw new IllegalArgumentException("a CoAP-over-UDP message needs a message ID to be serialized");
        }
        // UDP carries no length field, so options and payload go straight after the header, no staging buffer.
        serializeHeader(writer,
                new MessageHeader(CoAP.VERSION, message.getType(), message.getToken(), message.getRawCode(), mid, -1));
        writer.writeCurrentByte();
        serializeOptionsAndPayload(writer, message.getOptions(), message.getPayload());
    }

    @Override
    protected void serializeHeader(DatagramWriter writer, MessageHeader header) {
        byte[] token = ExtendedToken.wireBytes(header.getToken());
        int length = token.length;
        int tkl = tokenLengthNibble(length);
        writer.write(header.getVersion(), VERSION_BITS);
        writer.write(header.getType().value, TYPE_BITS);
        writer.write(tkl, TOKEN_LENGTH_BITS);
        writer.write(header.getCode(), CODE_BITS);
        writer.write(header.getMID(), MESSAGE_ID_BITS);
        if (tkl == TKL_ONE_BYTE) {
            writer.write(length - ONE_BYTE_OFFSET, Byte.SIZE);
        } else if (tkl == TKL_TWO_BYTES) {
            writer.write(length - TWO_BYTE_OFFSET, 2 * Byte.SIZE);
        }
        writer.writeBytes(token);
    }

    @Override
    protected void assertValidOptions(OptionSet options) {
        // Same BERT restriction Californium's UDP serializer applies.
        UdpDataParser.assertValidUdpOptions(options);
    }

    /**
     * The TKL nibble RFC 8974 prescribes for a token of {@code length} bytes.
     *
     * @throws IllegalArgumentException if {@code length} is negative or above {@value ExtendedToken#MAX_LENGTH}
     */
    static int tokenLengthNibble(int length) {
        if (length < 0 || length > ExtendedToken.MAX_LENGTH) {
            throw new IllegalArgumentException("no RFC 8974 encoding for a token of " + length + " bytes");
        }
        if (length < ONE_BYTE_OFFSET) {
            return length;
        }
        return length < TWO_BYTE_OFFSET ? TKL_ONE_BYTE : TKL_TWO_BYTES;
    }
}

package io.sixjoin.stack.coap;

import static org.eclipse.californium.core.coap.CoAP.MessageFormat.CODE_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.MESSAGE_ID_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.TOKEN_LENGTH_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.TYPE_BITS;
import static org.eclipse.californium.core.coap.CoAP.MessageFormat.VERSION_BITS;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * A Californium {@link UdpDataParser} that also understands RFC 8974 extended token lengths, so that a JRC can
 * accept the state tokens a stateless RFC 9031 Join Proxy puts on the requests it forwards. Datagrams whose TKL
 * nibble is 0..8 are handed to Californium's own parser untouched, keeping RFC 7252 behaviour byte for byte; TKL
 * 9..12 are plain lengths, TKL 13 and 14 read one or two extended-length bytes between the 4-byte header and the
 * token, and TKL 15 is a message format error. Every malformed header is reported as a
 * {@link CoAPMessageFormatException} carrying the message ID, so the endpoint rejects a malformed CON with RST and
 * silently drops anything else, just as it does for other malformed datagrams. Because each token length has
 * exactly one RFC 8974 encoding (the offsets 13 and 269 make the three ranges disjoint), there is no
 * "non-shortest" form for the parser to police. Tokens longer than 8 bytes come out as {@link ExtendedToken}.
 * Unlike Californium's parser, this one also turns the runtime exceptions Californium's message classes throw for
 * some bodies into format errors, so nothing but a message or a {@link MessageFormatException} ever leaves it.
 */
public class ExtendedTokenUdpDataParser extends UdpDataParser {
    /** TKL value announcing one extended-length byte. */
    static final int TKL_ONE_BYTE = 13;
    /** TKL value announcing two extended-length bytes. */
    static final int TKL_TWO_BYTES = 14;
    /** TKL value RFC 8974 reserves; receiving it is a message format error. */
    static final int TKL_RESERVED = 15;
    /** Token length encoded by TKL 13 with an extended byte of 0. */
    static final int ONE_BYTE_OFFSET = 13;
    /** Token length encoded by TKL 14 with extended bytes of 0. */
    static final int TWO_BYTE_OFFSET = 269;

    private static final int HEADER_SIZE = 4;

    private final boolean strictEmptyMessageFormat;

    /** A parser with Californium's default option registry and relaxed empty-message checks, like its default. */
    public ExtendedTokenUdpDataParser() {
        this(false, null);
    }

    /**
     * A parser with the given strictness and options, the same knobs Californium's {@code CoapEndpoint.Builder}
     * feeds its own UDP parser.
     *
     * @param strictEmptyMessageFormat see {@code CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT}
     * @param optionRegistry           option registry, {@code null} for Californium's default
     */
    public ExtendedTokenUdpDataParser(boolean strictEmptyMessageFormat, OptionRegistry optionRegistry) {
        super(strictEmptyMessageFormat, optionRegistry);
        this.strictEmptyMessageFormat = strictEmptyMessageFormat;
    }

    @Override
    protected MessageHeader parseHeader(DatagramReader reader) {
        reader.mark();
        boolean extended = false;
        if (reader.bytesAvailable(HEADER_SIZE)) {
            int firstByte = reader.read(Byte.SIZE);
            extended = (firstByte & 0x0F) > ExtendedToken.RFC7252_MAX_LENGTH;
        }
        reader.reset();
        if (!extended) {
            // Short headers and RFC 7252 token lengths stay Californium's business, errors and all.
            return super.parseHeader(reader);
        }
        return parseExtendedHeader(reader);
    }

    private MessageHeader parseExtendedHeader(DatagramReader reader) {
        int version = reader.read(VERSION_BITS);
        if (version != CoAP.VERSION) {
            // Californium checks the version before the TKL; so do we, so both report the same for such junk.
            throw new MessageFormatException("UDP message with unsupported CoAP version " + version);
        }
        CoAP.Type type = CoAP.Type.valueOf(reader.read(TYPE_BITS));
        int tkl = reader.read(TOKEN_LENGTH_BITS);
        int code = reader.read(CODE_BITS);
        int mid = reader.read(MESSAGE_ID_BITS);
        boolean confirmable = type == CoAP.Type.CON;

        if (tkl == TKL_RESERVED) {
            throw malformed("reserved token length 15 (RFC 8974 section 2.1)", mid, code, confirmable);
        }
        if (code == 0) {
            // RFC 7252 section 4.1: an Empty message has TKL 0; a long token cannot be tolerated even in relaxed mode.
            throw malformed("Empty message with a token of TKL " + tkl, mid, code, confirmable);
        }
        if (strictEmptyMessageFormat && type == CoAP.Type.RST) {
            throw malformed("RST with a non-zero code", mid, code, confirmable);
        }
        int tokenLength;
        if (tkl == TKL_ONE_BYTE) {
            if (!reader.bytesAvailable(1)) {
                throw malformed("TKL 13 but the extended token length byte is missing", mid, code, confirmable);
            }
            tokenLength = reader.read(Byte.SIZE) + ONE_BYTE_OFFSET;
        } else if (tkl == TKL_TWO_BYTES) {
            if (!reader.bytesAvailable(2)) {
                throw malformed("TKL 14 but the two extended token length bytes are missing", mid, code,
                        confirmable);
            }
            tokenLength = reader.read(2 * Byte.SIZE) + TWO_BYTE_OFFSET;
        } else {
            tokenLength = tkl;
        }
        if (!reader.bytesAvailable(tokenLength)) {
            throw malformed("token of " + tokenLength + " bytes declared, only " + (reader.bitsLeft() / Byte.SIZE)
                    + " bytes left", mid, code, confirmable);
        }
        Token token = ExtendedToken.fromWire(reader.readBytes(tokenLength));
        return new MessageHeader(version, type, token, code, mid, 0);
    }

    @Override
    protected Message parseMessage(DatagramReader reader, MessageHeader header, Message target) {
        try {
            return super.parseMessage(reader, header, target);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Californium's message classes veto some bodies with plain runtime exceptions (e.g. a relaxed-mode
            // Empty message with a payload), which would escape the endpoint's malformed-datagram handling.
            throw new CoAPMessageFormatException("UDP message: " + e.getMessage(), header.getToken(),
                    header.getMID(), header.getCode(), header.getType() == CoAP.Type.CON, ResponseCode.BAD_REQUEST);
        }
    }

    private static CoAPMessageFormatException malformed(String reason, int mid, int code, boolean confirmable) {
        // No token: the endpoint only answers a malformed CON with RST (needs the MID), never with a response.
        return new CoAPMessageFormatException("UDP message: " + reason, null, mid, code, confirmable);
    }
}

package io.sixjoin.jrc.coap;

import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * The JRC's datagram parser: {@link ExtendedTokenUdpDataParser}, except that a malformed confirmable request is
 * rejected with an empty RST (RFC 7252 §4.2) instead of the unprotected piggybacked 4.02/4.00 Californium sends
 * for it, which carries Californium's own error text as payload. RFC 9031 §7.3.2 has the JRC answer nothing in
 * clear: a pledge must discard such a response anyway, and the text only tells a prober what it hit. Californium
 * answers with an error response only when the format exception carries a token, so the token is dropped here.
 */
public final class SilentRejectParser extends ExtendedTokenUdpDataParser {

    public SilentRejectParser(boolean strictEmptyMessageFormat, OptionRegistry optionRegistry) {
        super(strictEmptyMessageFormat, optionRegistry);
    }

    @Override
    protected MessageHeader parseHeader(DatagramReader reader) {
        MessageHeader header = super.parseHeader(reader);
        int code = header.getCode();
        if (CoAP.isRequest(code)) {
            try {
                CoAP.Code.valueOf(code);
            } catch (MessageFormatException e) {
                // Californium would report an unknown method code with the token, hence answer it
                throw new CoAPMessageFormatException(e.getMessage(), null, header.getMID(), code,
                        header.getType() == CoAP.Type.CON);
            }
        }
        return header;
    }

    @Override
    protected Message parseMessage(DatagramReader reader, MessageHeader header, Message target) {
        try {
            return super.parseMessage(reader, header, target);
        } catch (CoAPMessageFormatException e) {
            throw new CoAPMessageFormatException(e.getMessage(), null, e.getMid(), e.getCode(), e.isConfirmable());
        }
    }
}

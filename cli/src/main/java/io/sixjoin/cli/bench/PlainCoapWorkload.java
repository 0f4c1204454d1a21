package io.sixjoin.cli.bench;

import io.sixjoin.stack.cojp.CojpOscoreProfile;
import java.util.Arrays;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * Unprotected CoAP POSTs shaped like a Join Request — the same outer options (Uri-Host, Proxy-Scheme, Uri-Path
 * {@code j}) and a payload padded so the datagram is exactly as long as the JRC's protected request — and their
 * answers checked for 2.04, the slot's Message ID and token, and the expected length. The baseline's datagrams
 * are patched in place rather than serialised per request: building them is not what is being measured.
 */
final class PlainCoapWorkload implements Workload {
    private final byte[] template;
    private final int responseLength;

    /**
     * @param requestLength  the datagram length to reproduce (the JRC's protected Join Request)
     * @param responseLength the length a valid answer must have (the JRC's protected Join Response)
     */
    PlainCoapWorkload(int requestLength, int responseLength) {
        this.template = template(requestLength);
        this.responseLength = responseLength;
    }

    /** A POST whose datagram is {@code length} bytes; its 1-byte token and Message ID are patched per request. */
    static byte[] template(int length) {
        byte[] empty = serialize(new byte[0]);
        int payload = length - empty.length - 1; // one 0xFF payload marker
        if (payload < 1) {
            throw new IllegalArgumentException("a " + length + "-byte request cannot carry these options");
        }
        byte[] out = serialize(new byte[payload]);
        if (out.length != length) {
            throw new IllegalStateException("plain request is " + out.length + " bytes, wanted " + length);
        }
        return out;
    }

    private static byte[] serialize(byte[] payload) {
        Request r = new Request(CoAP.Code.POST, CoAP.Type.CON);
        r.setMID(0);
        r.setToken(new byte[] {0});
        r.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
        r.getOptions().setProxyScheme(CojpOscoreProfile.PROXY_SCHEME);
        r.getOptions().addUriPath(CojpOscoreProfile.URI_PATH);
        if (payload.length > 0) {
            Arrays.fill(payload, (byte) 0x5a);
            r.setPayload(payload);
        }
        return new UdpDataSerializer().getByteArray(r);
    }

    @Override
    public Outgoing next(int messageId, byte[] token) {
        byte[] d = template.clone();
        d[2] = (byte) (messageId >> 8);
        d[3] = (byte) messageId;
        d[4] = token[0];
        return new Outgoing(d, null);
    }

    @Override
    public boolean verify(Outgoing request, byte[] datagram) {
        byte[] sent = request.datagram();
        int type = (datagram[0] >> 4) & 0x03;
        return datagram.length == responseLength
                && type == CoAP.Type.ACK.value
                && (datagram[0] & 0x0f) == 1 // token length
                && (datagram[1] & 0xff) == CoAP.ResponseCode.CHANGED.value
                && datagram[2] == sent[2] && datagram[3] == sent[3] && datagram[4] == sent[4];
    }
}

package io.sixjoin.stack.oscore;

import java.net.InetSocketAddress;
import java.util.HexFormat;

import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.HashMapCtxDB;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.RequestDecryptor;
import org.eclipse.californium.oscore.RequestEncryptor;
import org.eclipse.californium.oscore.ResponseDecryptor;
import org.eclipse.californium.oscore.ResponseEncryptor;

/**
 * Drives cf-oscore's public encryptors and decryptors on single messages, without an endpoint, so vector tests
 * exercise exactly the code a Californium stack would run. Shared by the RFC 8613 and CoJP vector tests.
 */
public final class OscoreTestMessages {
    public static final HexFormat HEX = HexFormat.of();
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5683);

    private OscoreTestMessages() {
    }

    public static byte[] serialize(Message message) {
        return new UdpDataSerializer().getByteArray(message);
    }

    public static String hex(Message message) {
        return HEX.formatHex(serialize(message));
    }

    /** Protects {@code request} in place with {@code ctx} at the context's current Sender Sequence Number. */
    public static Request protect(OSCoreCtx ctx, Request request) throws Exception {
        HashMapCtxDB db = new HashMapCtxDB();
        request.getOptions().setOscore(Bytes.EMPTY);
        db.addContext(request.getURI(), ctx);
        return RequestEncryptor.encrypt(db, request);
    }

    /** Protects a response to the request that carried Partial IV {@code requestSeq}. */
    public static Response protect(OSCoreCtx ctx, Response response, int requestSeq, boolean newPartialIv)
            throws Exception {
        return ResponseEncryptor.encrypt(new HashMapCtxDB(), response, ctx, newPartialIv, false, requestSeq);
    }

    /** Parses and decrypts a protected request as the server's OSCORE layer would after finding {@code ctx}. */
    public static Request unprotectRequest(OSCoreCtx ctx, byte[] datagram) throws Exception {
        Request request = (Request) new UdpDataParser().parseMessage(datagram);
        request.setSourceContext(new AddressEndpointContext(PEER));
        HashMapCtxDB db = new HashMapCtxDB();
        db.addContext(ctx);
        return RequestDecryptor.decrypt(db, request, ctx);
    }

    /** Parses and decrypts a protected response to the request that carried Partial IV {@code requestSeq}. */
    public static Response unprotectResponse(OSCoreCtx ctx, byte[] datagram, int requestSeq) throws Exception {
        Response response = (Response) new UdpDataParser().parseMessage(datagram);
        response.setSourceContext(new AddressEndpointContext(PEER));
        HashMapCtxDB db = new HashMapCtxDB();
        db.addContext(response.getToken(), ctx);
        return ResponseDecryptor.decrypt(db, response, requestSeq);
    }
}

package io.sixjoin.stack.oscore;

import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSCoreCtxDB;

/**
 * A context database holding exactly one context, which every lookup returns, for driving cf-oscore's static
 * encryptors and decryptors with a context the caller already found. A pledge has one context with its JRC; the
 * JRC finds a pledge's context by kid context itself. cf-oscore's own database would also record every request
 * token against its context — a table keyed by token alone, which mixes up two peers using the same (often
 * empty) token, and which in 3.13.0's {@code HashMapCtxDB} grows without bound (issue #2404) — so this one keeps
 * no token table and needs no locking.
 */
public final class SingleContextDb implements OSCoreCtxDB {
    private final OSCoreCtx ctx;

    public SingleContextDb(OSCoreCtx ctx) {
        this.ctx = ctx;
    }

    @Override
    public OSCoreCtx getContext(byte[] cid) {
        return ctx;
    }

    @Override
    public OSCoreCtx getContext(byte[] cid, byte[] idContext) {
        return ctx;
    }

    @Override
    public OSCoreCtx getContextByToken(Token token) {
        return ctx;
    }

    @Override
    public void addContext(Token token, OSCoreCtx c) {
    }

    @Override
    public void addContext(String uri, OSCoreCtx c) {
    }

    @Override
    public void addContext(OSCoreCtx c) {
    }

    @Override
    public void removeContext(OSCoreCtx c) {
    }

    @Override
    public OSCoreCtx getContext(String uri) {
        return ctx;
    }

    @Override
    public boolean tokenExist(Token token) {
        return true;
    }

    @Override
    public void purge() {
    }

    @Override
    public void removeToken(Token token) {
    }
}

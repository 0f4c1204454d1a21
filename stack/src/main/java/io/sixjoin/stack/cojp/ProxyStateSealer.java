package io.sixjoin.stack.cojp;

import io.sixjoin.stack.oscore.ReplayWindow;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.californium.scandium.dtls.cipher.CCMBlockCipher;

/**
 * Seals a stateless Join Proxy's per-pledge state into the opaque token of the request it forwards, and opens it
 * again when the JRC echoes it (RFC 9031 §7.1, RFC 8974 security considerations): AES-CCM under a key the JP
 * draws for itself and never shares, with a 64-bit tag, a 32-bit sequence number in clear (it is the nonce) and a
 * 32-entry replay window, plus an expiry time inside the ciphertext, so a token is accepted once, only while
 * fresh, and only if this JP made it. Token layout: {@code seq(4) ‖ AES-CCM(flags(1) ‖ expiry s(4) ‖ MID(2) ‖
 * port(2) ‖ pledge IID(8) ‖ pledge token(0..8)) ‖ tag(8)}, 29 to 37 bytes — an RFC 8974 extended token. Encrypting
 * (not just authenticating) keeps the pledge's address out of the JP–JRC path, as RFC 8974 asks for when
 * the state is privacy-sensitive.
 */
public final class ProxyStateSealer {
    /** Link-local pledges only: the state holds the IID, the prefix is always fe80::/64. */
    static final int IID_LENGTH = 8;
    static final int MAX_PLEDGE_TOKEN = 8;
    static final int TAG_LENGTH = 8;
    static final int SEQ_LENGTH = 4;
    static final int FIXED_PLAINTEXT = 1 + 4 + 2 + 2 + IID_LENGTH;
    static final int MIN_TOKEN = SEQ_LENGTH + FIXED_PLAINTEXT + TAG_LENGTH;
    private static final int NONCE_LENGTH = 13;
    private static final int FLAG_CON = 0x01;
    private static final long MAX_SEQ = 0xffff_ffffL;

    /** What the JP must remember about a pledge's request to answer it. */
    public record PledgeState(Inet6Address pledge, int port, byte[] token, int messageId, boolean confirmable) {
        public PledgeState {
            Objects.requireNonNull(pledge, "pledge");
            token = token.clone();
        }

        @Override
        public byte[] token() {
            return token.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PledgeState s && pledge.equals(s.pledge) && port == s.port
                    && Arrays.equals(token, s.token) && messageId == s.messageId && confirmable == s.confirmable;
        }

        @Override
        public int hashCode() {
            return Objects.hash(pledge, port, Arrays.hashCode(token), messageId, confirmable);
        }

        @Override
        public String toString() {
            return "PledgeState[" + pledge.getHostAddress() + ":" + port + ", token h'"
                    + HexFormat.of().formatHex(token) + "', MID " + messageId + (confirmable ? ", CON]" : ", NON]");
        }
    }

    /** Why a token was refused. */
    public enum Refusal { MALFORMED, FORGED, EXPIRED, REPLAYED }

    /** The result of {@link #open}: the state, or why there is none. */
    public record Opened(PledgeState state, Refusal refusal) {
        public boolean ok() {
            return state != null;
        }
    }

    private final RandomGenerator keySource;
    private final long lifetimeMs;
    private SecretKeySpec key;
    private long nextSeq;
    private ReplayWindow window = ReplayWindow.EMPTY;

    /**
     * @param keySource  draws the sealing key now and after the sequence wraps; a CSPRNG outside the emulator
     * @param lifetimeMs how long a forwarded request may wait for the JRC's answer
     */
    public ProxyStateSealer(RandomGenerator keySource, long lifetimeMs) {
        if (lifetimeMs <= 0) {
            throw new IllegalArgumentException("state lifetime must be positive");
        }
        this.keySource = Objects.requireNonNull(keySource, "keySource");
        this.lifetimeMs = lifetimeMs;
        rekey();
    }

    private void rekey() {
        byte[] k = new byte[16];
        keySource.nextBytes(k);
        key = new SecretKeySpec(k, "AES");
        nextSeq = 0;
        window = ReplayWindow.EMPTY; // tokens under the old key can no longer verify anyway
    }

    /** Whether {@code address} is one whose state fits: fe80::/64 with a zero middle. */
    static boolean isLinkLocal(Inet6Address address) {
        byte[] a = address.getAddress();
        if (a[0] != (byte) 0xfe || a[1] != (byte) 0x80) {
            return false;
        }
        for (int i = 2; i < 8; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The sealed token; the pledge must be link-local and its token at most 8 bytes. */
    public byte[] seal(PledgeState s, long now) {
        if (!isLinkLocal(s.pledge()) || s.token.length > MAX_PLEDGE_TOKEN) {
            throw new IllegalArgumentException("only link-local pledges with RFC 7252 tokens can be sealed");
        }
        if (nextSeq > MAX_SEQ) {
            rekey(); // a nonce must never repeat under one key
        }
        long seq = nextSeq++;
        long expiry = Math.floorDiv(now + lifetimeMs + 999, 1000) & MAX_SEQ;
        ByteBuffer plain = ByteBuffer.allocate(FIXED_PLAINTEXT + s.token.length);
        plain.put((byte) (s.confirmable() ? FLAG_CON : 0)).putInt((int) expiry).putShort((short) s.messageId())
                .putShort((short) s.port()).put(s.pledge().getAddress(), IID_LENGTH, IID_LENGTH).put(s.token);
        try {
            byte[] sealed = CCMBlockCipher.encrypt(key, nonce(seq), new byte[0], plain.array(), TAG_LENGTH);
            return ByteBuffer.allocate(SEQ_LENGTH + sealed.length).putInt((int) seq).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CCM unavailable", e);
        }
    }

    /** Authenticates and opens a token the JRC echoed; a token opens at most once. */
    public Opened open(byte[] token, long now) {
        if (token.length < MIN_TOKEN || token.length > MIN_TOKEN + MAX_PLEDGE_TOKEN) {
            return new Opened(null, Refusal.MALFORMED);
        }
        long seq = ByteBuffer.wrap(token).getInt() & MAX_SEQ;
        if (seq >= nextSeq) {
            return new Opened(null, Refusal.FORGED); // never issued under this key
        }
        if (!window.isFresh(seq)) {
            return new Opened(null, Refusal.REPLAYED);
        }
        byte[] plain;
        try {
            plain = CCMBlockCipher.decrypt(key, nonce(seq), new byte[0],
                    Arrays.copyOfRange(token, SEQ_LENGTH, token.length), TAG_LENGTH);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Opened(null, Refusal.FORGED);
        }
        ByteBuffer b = ByteBuffer.wrap(plain);
        boolean con = (b.get() & FLAG_CON) != 0;
        long expiry = b.getInt() & MAX_SEQ;
        int mid = b.getShort() & 0xffff;
        int port = b.getShort() & 0xffff;
        byte[] address = new byte[16];
        address[0] = (byte) 0xfe;
        address[1] = (byte) 0x80;
        b.get(address, IID_LENGTH, IID_LENGTH);
        byte[] pledgeToken = new byte[b.remaining()];
        b.get(pledgeToken);
        if (Math.floorDiv(now, 1000) > expiry) {
            return new Opened(null, Refusal.EXPIRED);
        }
        window = window.accept(seq);
        try {
            return new Opened(new PledgeState(Inet6Address.getByAddress(null, address, null), port, pledgeToken, mid,
                    con), null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static byte[] nonce(long seq) {
        byte[] n = new byte[NONCE_LENGTH];
        ByteBuffer.wrap(n, NONCE_LENGTH - SEQ_LENGTH, SEQ_LENGTH).putInt((int) seq);
        return n;
    }

    @Override
    public String toString() {
        return "ProxyStateSealer[key=[redacted], next seq " + nextSeq + ", lifetime " + lifetimeMs + " ms]";
    }
}

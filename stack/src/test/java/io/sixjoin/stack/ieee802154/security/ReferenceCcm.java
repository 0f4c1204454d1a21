package io.sixjoin.stack.ieee802154.security;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second, deliberately naive CCM* (L = 2, 13-byte nonce) built from the JDK's raw AES block function,
 * following the CBC-MAC + CTR construction step by step. The tests compare FrameSecurity (which uses
 * Scandium's CCMBlockCipher) against it, so a bug would have to be made twice, independently, to pass.
 */
final class ReferenceCcm {
    private ReferenceCcm() {
    }

    /** Returns C || U: the encrypted {@code m} (unchanged length) followed by the encrypted MIC of {@code micLength}. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] a, byte[] m, int micLength) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        // Authentication: B0 = flags | nonce | l(m), then L(a) || a, then m, each zero-padded to 16 bytes.
        byte[] b0 = new byte[16];
        b0[0] = (byte) ((a.length > 0 ? 0x40 : 0) | ((micLength - 2) / 2) << 3 | 1);
        System.arraycopy(nonce, 0, b0, 1, 13);
        b0[14] = (byte) (m.length >>> 8);
        b0[15] = (byte) m.length;
        byte[] x = aes.doFinal(b0);
        if (a.length > 0) {
            byte[] la = new byte[2 + a.length];
            la[0] = (byte) (a.length >>> 8);
            la[1] = (byte) a.length;
            System.arraycopy(a, 0, la, 2, a.length);
            x = cbc(aes, x, la);
        }
        x = cbc(aes, x, m);
        byte[] tag = Arrays.copyOf(x, micLength);
        // Encryption: A_i = flags(L-1) | nonce | i; S_0 encrypts the tag, S_1.. the message.
        byte[] out = new byte[m.length + micLength];
        for (int i = 0; i * 16 < m.length; i++) {
            byte[] s = aes.doFinal(counterBlock(nonce, i + 1));
            for (int j = 0; j < 16 && i * 16 + j < m.length; j++) {
                out[i * 16 + j] = (byte) (m[i * 16 + j] ^ s[j]);
            }
        }
        byte[] s0 = aes.doFinal(counterBlock(nonce, 0));
        for (int j = 0; j < micLength; j++) {
            out[m.length + j] = (byte) (tag[j] ^ s0[j]);
        }
        return out;
    }

    private static byte[] cbc(Cipher aes, byte[] x, byte[] data) throws GeneralSecurityException {
        byte[] padded = Arrays.copyOf(data, (data.length + 15) / 16 * 16);
        byte[] state = x;
        for (int i = 0; i < padded.length; i += 16) {
            byte[] block = new byte[16];
            for (int j = 0; j < 16; j++) {
                block[j] = (byte) (state[j] ^ padded[i + j]);
            }
            state = aes.doFinal(block);
        }
        return state;
    }

    private static byte[] counterBlock(byte[] nonce, int i) {
        byte[] a = new byte[16];
        a[0] = 1;
        System.arraycopy(nonce, 0, a, 1, 13);
        a[14] = (byte) (i >>> 8);
        a[15] = (byte) i;
        return a;
    }
}

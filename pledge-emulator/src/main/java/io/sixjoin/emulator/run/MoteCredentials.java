package io.sixjoin.emulator.run;

import io.sixjoin.emulator.tsch.TschNetwork;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The identity a mote is provisioned with: its EUI-64 (the CoJP pledge identifier) and its pre-shared key, and
 * whether it is the border router (provisioned as a 6LBR, the key {@code sixjoin bridge --psk} uses). Derived
 * from the run's seed by default, so the same seed always needs the same provisioning file, which
 * {@link #writeCsv} writes in the {@code eui64,psk,role} form {@code sixjoin pledges import} reads. The key never
 * appears in {@link #toString()}.
 *
 * @param eui64        the mote's EUI-64
 * @param psk          its pre-shared key
 * @param borderRouter whether this is the DODAG root's mote
 */
public record MoteCredentials(MacAddress eui64, PreSharedKey psk, boolean borderRouter) {
    public MoteCredentials {
        Objects.requireNonNull(eui64, "eui64");
        Objects.requireNonNull(psk, "psk");
        if (eui64.isShort()) {
            throw new IllegalArgumentException("a pledge is named by its EUI-64, not a short address");
        }
    }

    /**
     * The credentials of every mote of a run: mote {@code i} gets {@link TschNetwork#defaultAddress}{@code (i)}
     * and a 16-byte PSK = the first 16 bytes of SHA-256("sixjoin emulated PSK" | seed | EUI-64).
     */
    public static List<MoteCredentials> derive(long seed, int motes, int rootIndex) {
        List<MoteCredentials> out = new ArrayList<>(motes);
        for (int i = 0; i < motes; i++) {
            MacAddress eui = TschNetwork.defaultAddress(i);
            out.add(new MoteCredentials(eui, derivePsk(seed, eui), i == rootIndex));
        }
        return out;
    }

    static PreSharedKey derivePsk(long seed, MacAddress eui) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("sixjoin emulated PSK".getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(8).putLong(seed).array());
            sha.update(eui.bytes());
            return PreSharedKey.of(Arrays.copyOf(sha.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every Java platform", e);
        }
    }

    /** The EUI-64 as 16 hex digits, as CSV files and the CLI write it. */
    public String euiHex() {
        return HexFormat.of().formatHex(eui64.bytes());
    }

    /**
     * Writes the provisioning file: header {@code eui64,psk,role}, then one line per mote (role {@code 6lbr} for
     * the border router, {@code node} otherwise). This is the one place a PSK is written out: the file is a
     * secret and the caller creates it with owner-only permissions.
     */
    public static void writeCsv(List<MoteCredentials> motes, Writer out) throws IOException {
        out.write("eui64,psk,role\n");
        for (MoteCredentials m : motes) {
            out.write(m.euiHex() + "," + HexFormat.of().formatHex(m.psk.secret()) + ","
                    + (m.borderRouter ? "6lbr" : "node") + "\n");
        }
    }

    @Override
    public String toString() {
        return "MoteCredentials[" + euiHex() + ", psk [redacted]" + (borderRouter ? ", border router" : "") + "]";
    }
}

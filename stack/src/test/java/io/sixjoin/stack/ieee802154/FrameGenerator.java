package io.sixjoin.stack.ieee802154;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sixjoin.stack.ieee802154.security.AuxSecurityHeader;
import io.sixjoin.stack.ieee802154.security.SecurityLevel;

/** Random valid frames and mutations of them, for the fuzz tests of the frame parser and of FrameSecurity. */
public final class FrameGenerator {
    private FrameGenerator() {
    }

    /** A random plain (unsecured) frame; version 2 unless {@code allowOldVersions} picks 0 or 1. */
    public static Ieee802154Frame plain(Random r, boolean allowOldVersions) {
        int version = allowOldVersions && r.nextInt(4) == 0 ? r.nextInt(2) : FrameControl.VERSION_2015;
        FrameBuilder b = Ieee802154Frame.builder(FrameType.of(r.nextInt(4))).frameVersion(version)
                .framePending(r.nextBoolean()).ackRequest(r.nextBoolean());
        b.sequenceNumber(version < 2 || r.nextBoolean() ? r.nextInt(256) : null);
        MacAddress dst = address(r);
        MacAddress src = address(r);
        b.destination(dst).source(src);
        boolean compression = r.nextBoolean();
        try {
            FrameControl.PanIdPresence p = FrameControl.PanIdPresence.of(AddressingMode.of(dst),
                    AddressingMode.of(src), compression, version);
            b.panIds(compression, p.destination() ? r.nextInt(65536) : null, p.source() ? r.nextInt(65536) : null);
        } catch (FrameFormatException e) {
            b.panIds(false, dst == null ? null : r.nextInt(65536), src == null ? null : r.nextInt(65536));
        }
        if (version < 2) {
            return b.payload(bytes(r, r.nextInt(30))).build();
        }
        List<HeaderIe> headerIes = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            headerIes.add(r.nextBoolean() ? new HeaderIe.TimeCorrection(r.nextInt(4096) - 2048, r.nextBoolean())
                    : new HeaderIe.Unknown(0x20 + r.nextInt(0x5E), bytes(r, r.nextInt(6))));
        }
        List<PayloadIe> payloadIes = new ArrayList<>();
        byte[] payload = bytes(r, r.nextInt(3) == 0 ? 0 : r.nextInt(40));
        if (r.nextBoolean()) {
            for (int i = 1 + r.nextInt(2); i > 0; i--) {
                payloadIes.add(payloadIe(r));
            }
            headerIes.add(HeaderIe.HT1);
            if (payload.length > 0 || r.nextBoolean()) {
                payloadIes.add(PayloadIe.TERMINATION);
            }
        } else if (!headerIes.isEmpty() && payload.length > 0 || r.nextInt(8) == 0) {
            headerIes.add(HeaderIe.HT2);
        }
        return b.headerIes(headerIes).payloadIes(payloadIes).payload(payload).build();
    }

    /** A random secured frame as it would arrive (opaque body of plausible length, random content). */
    public static Ieee802154Frame securedShape(Random r) {
        Ieee802154Frame p = plain(r, false);
        SecurityLevel level = SecurityLevel.of(new int[] {1, 2, 3, 5, 6, 7}[r.nextInt(6)]);
        AuxSecurityHeader aux = AuxSecurityHeader.tsch(level, r.nextInt(256));
        int bodyLength = p.bodyBytes().length;
        return p.withSecuredBody(aux, bytes(r, bodyLength + level.micLength()));
    }

    private static PayloadIe payloadIe(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return new PayloadIe.Mlme(List.of(new MlmeIe.TschSynchronization(r.nextLong() & 0xFF_FFFF_FFFFL,
                        r.nextInt(256)), new MlmeIe.TschTimeslot(r.nextInt(256)),
                        new MlmeIe.ChannelHopping(r.nextInt(256)), new MlmeIe.TschSlotframeAndLink(List.of(
                                new MlmeIe.Slotframe(r.nextInt(256), r.nextInt(65536), List.of(
                                        new MlmeIe.Link(r.nextInt(65536), r.nextInt(65536), r.nextInt(256))))))));
            case 1:
                return new PayloadIe.JoinInfo(new JoinInfoIe(r.nextBoolean(), r.nextInt(128), r.nextInt(4096),
                        r.nextInt(256), r.nextBoolean() ? bytes(r, 8) : null, bytes(r, r.nextInt(17))));
            case 2:
                return new PayloadIe.Mlme(List.of(new MlmeIe.Unknown(r.nextBoolean(), r.nextInt(9),
                        bytes(r, r.nextInt(5)))));
            default:
                int group = new int[] {0, 2, 3, 4, 6, 14}[r.nextInt(6)];
                return new PayloadIe.Unknown(group, bytes(r, r.nextInt(8)));
        }
    }

    private static MacAddress address(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return null;
            case 1:
                return MacAddress.shortAddress(r.nextInt(65536));
            default:
                return MacAddress.extended(bytes(r, 8));
        }
    }

    /** Random bytes. */
    public static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Flips, truncates, extends or overwrites a few bytes. */
    public static byte[] mutate(Random r, byte[] in) {
        byte[] out = in.clone();
        switch (r.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(out, out.length == 0 ? 0 : r.nextInt(out.length));
            case 1:
                byte[] longer = java.util.Arrays.copyOf(out, out.length + 1 + r.nextInt(4));
                longer[longer.length - 1] = (byte) r.nextInt(256);
                return longer;
            default:
                for (int i = 1 + r.nextInt(3); i > 0 && out.length > 0; i--) {
                    int at = r.nextInt(out.length);
                    out[at] = r.nextBoolean() ? (byte) (out[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
                }
                return out;
        }
    }
}

package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.Wire.HEX;

import java.util.Arrays;
import java.util.Objects;

/**
 * 'P': an 802.15.4 frame a sniffer-build mote ({@code BOARD_OPENSERIAL_SNIFFER}) overheard, to be passed to a
 * pcap writer or Wireshark as is. The channel byte trails the frame on the wire.
 *
 * <pre>{@code
 * if (MoteFrameCodec.parse(payload) instanceof Sniffed s) pcap.write(s.channel(), s.frame());
 * }</pre>
 *
 * @param moteId  the sniffer's 16-bit ID
 * @param frame   the raw PHY payload including its 2-byte FCS
 * @param channel the channel it was heard on
 */
public record Sniffed(int moteId, byte[] frame, int channel) implements MoteFrame {
    public Sniffed {
        Wire.u16(moteId, "moteId");
        Wire.u8(channel, "channel");
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    @Override
    public int type() {
        return SNIFFED;
    }

    @Override
    public int encodedLength() {
        return 4 + frame.length;
    }

    @Override
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        buffer[offset] = (byte) SNIFFED;
        Wire.put16be(buffer, offset + 1, moteId);
        System.arraycopy(frame, 0, buffer, offset + 3, frame.length);
        buffer[offset + 3 + frame.length] = (byte) channel;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sniffed s && moteId == s.moteId && channel == s.channel && Arrays.equals(frame, s.frame);
    }

    @Override
    public int hashCode() {
        return (moteId * 31 + channel) * 31 + Arrays.hashCode(frame);
    }

    @Override
    public String toString() {
        return "Sniffed[mote " + Wire.moteId(moteId) + ", channel " + channel + ", " + HEX.formatHex(frame) + "]";
    }
}

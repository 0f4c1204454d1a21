package io.sixjoin.stack.lowpan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * RFC 4944 §5.3 reassembly for one receiving interface, keyed by (link-layer source, datagram_tag,
 * datagram_size). Memory is bounded: at most {@code maxDatagrams} in progress, each at most
 * {@code maxSize} (≤ 2047) bytes; a fragment that partly overlaps another drops the whole datagram (an exact
 * duplicate is ignored: link-layer retransmissions repeat frames). The first fragment's extent in the
 * uncompressed datagram is found with {@link LowpanCodec#headerGrowth}. Time is the caller's: every call
 * takes {@code nowMillis}, and an entry older than the timeout (RFC 4944: at most 60 s) is dropped on the
 * next call or by {@link #expire}.
 *
 * <pre>{@code
 * Reassembler r = new Reassembler(8, Fragmenter.MAX_DATAGRAM_SIZE, 60_000);
 * Reassembler.Result result = r.accept(prevHop, lowpan, now);
 * if (result instanceof Reassembler.Complete c) {
 *     handle(LowpanCodec.decompress(c.datagram(), ctx));
 * } else if (result instanceof Reassembler.Dropped d) {
 *     count(d.reason());
 * }
 * }</pre>
 */
public final class Reassembler {
    /** Why fragments were thrown away; stable names, used as counter keys. */
    public enum DropReason { OVERLAP, TIMEOUT, TOO_MANY_DATAGRAMS, TOO_LARGE, MALFORMED }

    /** What one frame resulted in. */
    public sealed interface Result permits Complete, Pending, Dropped {
    }

    /** A whole datagram (or an unfragmented frame passed through), ready for {@link LowpanCodec}. */
    public record Complete(Ieee802154Address source, byte[] datagram) implements Result {
        public Complete {
            datagram = datagram.clone();
        }

        @Override
        public byte[] datagram() {
            return datagram.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Complete c && source.equals(c.source) && Arrays.equals(datagram, c.datagram);
        }

        @Override
        public int hashCode() {
            return source.hashCode() * 31 + Arrays.hashCode(datagram);
        }

        @Override
        public String toString() {
            return "Complete[" + source + ", " + HexFormat.of().formatHex(datagram) + "]";
        }
    }

    /** The fragment was stored; more are needed. */
    public record Pending(int tag) implements Result {
    }

    /** The fragment (and the datagram it belonged to, if any) was discarded. */
    public record Dropped(DropReason reason, String detail) implements Result {
    }

    private record Key(Ieee802154Address source, int tag, int size) {
    }

    private static final class Entry {
        final long started;
        byte[] first;
        int firstExtent;
        final TreeMap<Integer, byte[]> rest = new TreeMap<>();

        Entry(long started) {
            this.started = started;
        }
    }

    private final int maxDatagrams;
    private final int maxSize;
    private final long timeoutMillis;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * @param maxDatagrams  datagrams in progress at once (all senders together)
     * @param maxSize       largest datagram_size accepted, at most {@value Fragmenter#MAX_DATAGRAM_SIZE}
     * @param timeoutMillis how long a datagram may take to complete
     */
    public Reassembler(int maxDatagrams, int maxSize, long timeoutMillis) {
        if (maxDatagrams < 1 || maxSize < 1 || maxSize > Fragmenter.MAX_DATAGRAM_SIZE || timeoutMillis < 1) {
            throw new IllegalArgumentException("bad limits " + maxDatagrams + "/" + maxSize + "/" + timeoutMillis);
        }
        this.maxDatagrams = maxDatagrams;
        this.maxSize = maxSize;
        this.timeoutMillis = timeoutMillis;
    }

    /** Takes one received 6LoWPAN frame payload from {@code source} at time {@code nowMillis}. */
    public Result accept(Ieee802154Address source, byte[] frame, long nowMillis) {
        Objects.requireNonNull(source, "source");
        expire(nowMillis);
        if (frame.length == 0) {
            return new Dropped(DropReason.MALFORMED, "empty frame");
        }
        int dispatch = frame[0] & 0xF8;
        if (dispatch != Fragmenter.FRAG1 && dispatch != Fragmenter.FRAGN) {
            return new Complete(source, frame);
        }
        boolean isFirst = dispatch == Fragmenter.FRAG1;
        int headerLength = isFirst ? Fragmenter.FRAG1_HEADER : Fragmenter.FRAGN_HEADER;
        if (frame.length <= headerLength) {
            return new Dropped(DropReason.MALFORMED, "fragment of " + frame.length + " bytes has no payload");
        }
        int size = ((frame[0] & 0x07) << 8) | (frame[1] & 0xFF);
        int tag = Addresses.u16(frame, 2);
        Key key = new Key(source, tag, size);
        if (size > maxSize) {
            entries.remove(key);
            return new Dropped(DropReason.TOO_LARGE, "datagram_size " + size + " > " + maxSize);
        }
        byte[] data = Arrays.copyOfRange(frame, headerLength, frame.length);
        int start;
        int extent;
        if (isFirst) {
            try {
                int growth = LowpanCodec.headerGrowth(data);
                start = 0;
                extent = data.length + growth;
            } catch (LowpanFormatException e) {
                entries.remove(key);
                return new Dropped(DropReason.MALFORMED, "first fragment: " + e.getMessage());
            }
        } else {
            start = (frame[4] & 0xFF) * 8;
            extent = data.length;
        }
        if (start + extent > size) {
            entries.remove(key);
            return new Dropped(DropReason.MALFORMED, "fragment [" + start + ", " + (start + extent)
                    + ") runs past datagram_size " + size);
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= maxDatagrams) {
                return new Dropped(DropReason.TOO_MANY_DATAGRAMS, maxDatagrams + " datagrams in progress");
            }
            entry = new Entry(nowMillis);
            entries.put(key, entry);
        }
        Result overlap = store(entry, isFirst, start, extent, data);
        if (overlap != null) {
            entries.remove(key);
            return overlap;
        }
        byte[] whole = complete(entry, size);
        if (whole == null) {
            return new Pending(tag);
        }
        entries.remove(key);
        return new Complete(source, whole);
    }

    private static Result store(Entry e, boolean isFirst, int start, int extent, byte[] data) {
        if (isFirst) {
            if (e.first != null) {
                return Arrays.equals(e.first, data) ? null
                        : new Dropped(DropReason.OVERLAP, "a second, different first fragment");
            }
            Integer next = e.rest.ceilingKey(0);
            if (next != null && next < extent) {
                return new Dropped(DropReason.OVERLAP, "first fragment overlaps offset " + next);
            }
            e.first = data;
            e.firstExtent = extent;
            return null;
        }
        byte[] same = e.rest.get(start);
        if (same != null && Arrays.equals(same, data)) {
            return null;
        }
        Map.Entry<Integer, byte[]> below = e.rest.floorEntry(start);
        Integer above = e.rest.ceilingKey(start);
        boolean clash = (below != null && below.getKey() + below.getValue().length > start)
                || (above != null && above < start + extent) || (e.first != null && start < e.firstExtent);
        if (clash) {
            return new Dropped(DropReason.OVERLAP, "fragment at offset " + start + " overlaps another");
        }
        e.rest.put(start, data);
        return null;
    }

    private static byte[] complete(Entry e, int size) {
        if (e.first == null) {
            return null;
        }
        int covered = e.firstExtent;
        int bytes = e.first.length;
        for (Map.Entry<Integer, byte[]> f : e.rest.entrySet()) {
            if (f.getKey() != covered) {
                return null;
            }
            covered += f.getValue().length;
            bytes += f.getValue().length;
        }
        if (covered != size) {
            return null;
        }
        byte[] out = Arrays.copyOf(e.first, bytes);
        int pos = e.first.length;
        for (byte[] f : e.rest.values()) {
            System.arraycopy(f, 0, out, pos, f.length);
            pos += f.length;
        }
        return out;
    }

    /** Drops every datagram older than the timeout at {@code nowMillis}, reporting each. */
    public List<Dropped> expire(long nowMillis) {
        List<Dropped> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Entry> e = it.next();
            if (nowMillis - e.getValue().started >= timeoutMillis) {
                it.remove();
                dropped.add(new Dropped(DropReason.TIMEOUT, "tag " + e.getKey().tag() + " from "
                        + e.getKey().source() + " incomplete after " + timeoutMillis + " ms"));
            }
        }
        return dropped;
    }

    /** When the oldest datagram in progress times out, if any is. */
    public OptionalLong nextDeadline() {
        return entries.values().stream().mapToLong(e -> e.started + timeoutMillis).min();
    }

    /** Datagrams in progress. */
    public int inProgress() {
        return entries.size();
    }
}

package io.sixjoin.emulator.run;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sixjoin.emulator.medium.MediumStats;
import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.tsch.MacStats;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a run produced, in the shape {@code --report FILE.json} writes and the summary table prints: per mote its
 * timeline (synchronised, first Join Request, joined, route announced), RPL parent and depth, join attempts,
 * reboots and short address; and the totals (formation time = when the last mote had joined and announced its
 * route, frames on the air, collisions, duty cycle, speed factor, trace hash). Times are virtual seconds since
 * ASN 0. Nothing secret is in it.
 */
public record EmulationReport(EmulationConfig config, List<MoteRecord> motes, int rootIndex, MacStats mac,
        MediumStats medium, Map<String, Long> sent, MacStats rootMac, long virtualMicros, long wallNanos,
        String traceHash) {

    /** The report of {@code e} as it stands now. */
    public static EmulationReport of(Emulation e) {
        return new EmulationReport(e.config(), e.records(), e.rootIndex(), e.macTotals(), e.mediumStats(),
                e.sentByKind(), e.root().mac().stats(), e.kernel().clock().nowMicros(), e.wallNanos(), e.traceHash());
    }

    /** Pledges (motes other than the root). */
    public int pledges() {
        return motes.size() - 1;
    }

    /** Pledges that joined. */
    public int joined() {
        int n = 0;
        for (int i = 0; i < motes.size(); i++) {
            n += i != rootIndex && motes.get(i).joined() ? 1 : 0;
        }
        return n;
    }

    /** When the last pledge had joined and announced its route; empty unless all did. */
    public OptionalLong formationMicros() {
        long last = 0;
        for (int i = 0; i < motes.size(); i++) {
            if (i == rootIndex) {
                continue;
            }
            OptionalLong t = motes.get(i).routedAt();
            if (t.isEmpty() || motes.get(i).joinedAt().isEmpty()) {
                return OptionalLong.empty();
            }
            last = Math.max(last, Math.max(t.getAsLong(), motes.get(i).joinedAt().getAsLong()));
        }
        return OptionalLong.of(last);
    }

    /** Emulated seconds per wall second. */
    public double speedFactor() {
        return wallNanos == 0 ? 0 : virtualMicros * 1000.0 / wallNanos;
    }

    /** Hops from mote {@code index} to the root, empty if its parent chain is broken; use {@link #hopCounts} for many. */
    public OptionalInt hops(int index) {
        int h = hopCounts()[index];
        return h < 0 ? OptionalInt.empty() : OptionalInt.of(h);
    }

    /** Every mote's hops to the root, -1 where the parent chain is broken or loops; one pass over the motes. */
    public int[] hopCounts() {
        Map<MacAddress, Integer> byAddress = new HashMap<>();
        for (int i = 0; i < motes.size(); i++) {
            byAddress.put(motes.get(i).address(), i);
        }
        int[] hops = new int[motes.size()];
        java.util.Arrays.fill(hops, Integer.MIN_VALUE); // not computed yet
        hops[rootIndex] = 0;
        for (int i = 0; i < motes.size(); i++) {
            // walk up until a mote whose count is known, then fill in the walked path on the way back
            java.util.ArrayDeque<Integer> path = new java.util.ArrayDeque<>();
            int at = i;
            while (hops[at] == Integer.MIN_VALUE && path.size() <= motes.size()) {
                path.push(at);
                Integer next = motes.get(at).parent().map(byAddress::get).orElse(null);
                if (next == null) {
                    break;
                }
                at = next;
            }
            int known = hops[at] == Integer.MIN_VALUE ? -1 : hops[at];
            while (!path.isEmpty()) {
                int m = path.pop();
                known = known < 0 ? -1 : known + 1;
                if (hops[m] == Integer.MIN_VALUE) {
                    hops[m] = known;
                }
            }
        }
        return hops;
    }

    /** Writes the report as JSON. */
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("seed", config.seed());
            g.writeNumberField("motes", motes.size());
            g.writeNumberField("slotframe", config.slotframe());
            g.writeStringField("profile", config.profile().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("networkId", HexFormat.of().formatHex(config.networkId()));
            g.writeStringField("traceHash", traceHash);
            g.writeObjectFieldStart("totals");
            g.writeNumberField("pledges", pledges());
            g.writeNumberField("joined", joined());
            OptionalLong formation = formationMicros();
            if (formation.isPresent()) {
                g.writeNumberField("formationSeconds", formation.getAsLong() / 1e6);
            } else {
                g.writeNullField("formationSeconds");
            }
            g.writeNumberField("virtualSeconds", virtualMicros / 1e6);
            g.writeNumberField("wallSeconds", wallNanos / 1e9);
            g.writeNumberField("speedFactor", speedFactor());
            g.writeNumberField("framesOnAir", medium.framesSent());
            g.writeNumberField("deliveries", medium.deliveries());
            g.writeNumberField("collisions", medium.collisions());
            g.writeNumberField("losses", medium.losses());
            g.writeNumberField("beacons", mac.txBeacons());
            g.writeNumberField("macRetries", mac.retries());
            g.writeNumberField("macDrops", mac.drops());
            g.writeNumberField("desynchronisations", mac.desyncs());
            g.writeNumberField("dutyCycle", mac.dutyCycle());
            g.writeStringField("rootMac", rootMac.toString());
            g.writeObjectFieldStart("sent");
            for (Map.Entry<String, Long> e : sent.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            int[] hopCounts = hopCounts();
            g.writeArrayFieldStart("timeline");
            for (int i = 0; i < motes.size(); i++) {
                MoteRecord r = motes.get(i);
                g.writeStartObject();
                g.writeNumberField("index", i);
                g.writeStringField("eui64", HexFormat.of().formatHex(r.address().bytes()));
                g.writeBooleanField("root", i == rootIndex);
                time(g, "synced", r.syncedAt());
                time(g, "joinRequestSent", r.requestedAt());
                time(g, "joined", r.joinedAt());
                time(g, "routeAnnounced", r.routedAt());
                if (r.parent().isPresent()) {
                    g.writeStringField("parent", HexFormat.of().formatHex(r.parent().get().bytes()));
                } else {
                    g.writeNullField("parent");
                }
                if (hopCounts[i] >= 0) {
                    g.writeNumberField("hops", hopCounts[i]);
                } else {
                    g.writeNullField("hops");
                }
                g.writeNumberField("rank", r.rank());
                g.writeNumberField("attempts", r.attempts());
                g.writeNumberField("reboots", r.reboots());
                if (r.shortAddress().isPresent()) {
                    g.writeStringField("shortAddress", String.format("%04x", r.shortAddress().getAsLong()));
                } else {
                    g.writeNullField("shortAddress");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void time(JsonGenerator g, String name, OptionalLong micros) throws IOException {
        if (micros.isPresent()) {
            g.writeNumberField(name, micros.getAsLong() / 1e6);
        } else {
            g.writeNullField(name);
        }
    }
}

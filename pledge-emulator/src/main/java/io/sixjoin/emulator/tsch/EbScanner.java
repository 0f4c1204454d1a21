package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RFC 8180 §6 scanning: a pledge listens on one channel, switching to another random one every few
 * slotframes (with an even slotframe length the shared cell would otherwise never visit some
 * channels), and collects EBs until it has heard NUM_NEIGHBOURS_TO_WAIT distinct senders or
 * MAX_EB_DELAY has passed since the first one. It then picks the sender with the lowest join metric,
 * then the lowest RFC 9032 proxy priority, then the best link quality, then the one heard first.
 * Senders whose join IE says "never use me as a Join Proxy" are not candidates. Because all traffic
 * of the minimal schedule falls into the shared cell, listening in that cell alone hears exactly what a
 * continuously listening radio would, which is what makes scanning cheap to emulate.
 */
final class EbScanner {

    /** One EB heard: enough to synchronise on it and to rank its sender. */
    record Candidate(MacAddress source, int senderMote, long ebAsn, long rxAsn, int joinMetric, int proxyPriority,
            double quality, EnhancedBeacon.Info info) {
    }

    private final TschConfig config;
    private final List<Candidate> candidates = new ArrayList<>();
    private int channel;
    private long channelSince;
    private long firstEbAsn = -1;

    EbScanner(TschConfig config) {
        this.config = config;
    }

    /** Forgets every EB and picks a channel to listen on from {@code channels}. */
    void start(long asn, SplittableRandom rand, int[] channels) {
        candidates.clear();
        firstEbAsn = -1;
        pickChannel(asn, rand, channels);
    }

    /** Moves to another channel once the dwell time on the current one is over. */
    void poll(long asn, SplittableRandom rand, int[] channels) {
        if (asn - channelSince >= (long) config.scanDwellSlotframes() * config.slotframeLength()) {
            pickChannel(asn, rand, channels);
        }
    }

    /** The physical channel listened on. */
    int channel() {
        return channel;
    }

    /** Records an EB; a later EB from the same sender replaces the earlier one. */
    void offer(Candidate c) {
        JoinInfoIe join = c.info().joinInfo();
        if (join != null && join.proxyPriority() == JoinInfoIe.NEVER_PROXY) {
            return;
        }
        if (firstEbAsn < 0) {
            firstEbAsn = c.rxAsn();
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).source().equals(c.source())) {
                candidates.set(i, c);
                return;
            }
        }
        candidates.add(c);
    }

    /** Whether enough has been heard, or waited, to choose. */
    boolean ready(long asn) {
        return candidates.size() >= config.numNeighboursToWait()
                || (firstEbAsn >= 0 && asn >= firstEbAsn + config.maxEbDelaySlots());
    }

    /** Distinct EB senders heard so far. */
    int heard() {
        return candidates.size();
    }

    /** The best candidate, or null if none was heard. */
    Candidate choose() {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (best == null || better(c, best)) {
                best = c;
            }
        }
        return best;
    }

    /** ASN at which waiting for more EBs ends, or {@link Long#MAX_VALUE} before the first EB. */
    long nextDeadline() {
        return firstEbAsn < 0 ? Long.MAX_VALUE : firstEbAsn + config.maxEbDelaySlots();
    }

    private static boolean better(Candidate a, Candidate b) {
        if (a.joinMetric() != b.joinMetric()) {
            return a.joinMetric() < b.joinMetric();
        }
        if (a.proxyPriority() != b.proxyPriority()) {
            return a.proxyPriority() < b.proxyPriority();
        }
        return a.quality() > b.quality();
    }

    private void pickChannel(long asn, SplittableRandom rand, int[] channels) {
        channel = channels[rand.nextInt(channels.length)];
        channelSince = asn;
    }
}

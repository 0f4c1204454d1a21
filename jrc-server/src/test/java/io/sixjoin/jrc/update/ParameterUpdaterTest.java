package io.sixjoin.jrc.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.jrc.oscore.DurableContext;
import io.sixjoin.jrc.oscore.PledgeContexts;
import io.sixjoin.jrc.oscore.UnknownPledges;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protected Parameter Update against the reference's computed vector, and the address fallback. */
class ParameterUpdaterTest {
    static final HexFormat HEX = HexFormat.of();
    static final PledgeId PLEDGE = PledgeId.parse("00124b0014b5d2a1");

    @TempDir
    Path dir;

    /** cojp.md §9.5 (computed, not from an RFC): JRC SSN 0, payload {7: 2}. */
    @Test
    void protectsAsTheComputedParameterUpdateVectorAndReservesFirst() throws Exception {
        try (JrcStore store = JrcStore.open(StoreLocation.dataDirectory(dir), Clock.systemUTC(),
                new SplittableRandom(1))) {
            store.pledges().add(new ProvisionedPledge(PLEDGE,
                    PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10"), PledgeRole.NODE));
            PledgeContexts contexts = new PledgeContexts(store, Clock.systemUTC(), 10, UnknownPledges.REFUSE);
            DurableContext ctx = contexts.context(PLEDGE).orElseThrow();
            ParameterUpdater.Protected p = ParameterUpdater.protect(ctx,
                    new InetSocketAddress("127.0.0.1", 5683), Configuration.empty().withJoinRate(2));
            assertEquals(0, p.sequence());
            assertEquals("09004a5243", HEX.formatHex(p.request().getOptions().getOscore()));
            assertEquals("d489ef145452db247fb4039fc90436", HEX.formatHex(p.request().getPayload()));
            assertEquals(CoAP.Code.POST, p.request().getCode());
            assertTrue(p.request().isConfirmable());
            assertEquals("6tisch.arpa", p.request().getOptions().getUriHost());
            assertEquals("", p.request().getOptions().getUriPathString()); // Uri-Path travels inside
            assertEquals(DurableContext.SEQUENCE_BLOCK, store.oscore().senderSequenceCeiling(PLEDGE).orElseThrow());
            assertEquals(1, ParameterUpdater.protect(ctx, new InetSocketAddress("127.0.0.1", 5683),
                    Configuration.empty()).sequence());
        }
    }

    @Test
    void derivesAModifiedEui64AddressUnderTheJrcPrefixOnlyForEui64s() throws Exception {
        Inet6Address jrc = (Inet6Address) InetAddress.getByName("2001:db8:cafe::1");
        InetSocketAddress a = NodeAddresses.derive(jrc, PLEDGE).orElseThrow();
        assertEquals(InetAddress.getByName("2001:db8:cafe:0:212:4b00:14b5:d2a1"), a.getAddress());
        assertEquals(5683, a.getPort());
        assertEquals(Optional.empty(), NodeAddresses.derive(jrc, PledgeId.of(new byte[] {1, 2, 3})));
    }

    @Test
    void recordedAddressComesFirst() throws Exception {
        try (JrcStore store = JrcStore.open(StoreLocation.dataDirectory(dir), Clock.systemUTC(),
                new SplittableRandom(1))) {
            Inet6Address jrc = (Inet6Address) InetAddress.getByName("2001:db8:cafe::1");
            NodeAddresses addresses = new NodeAddresses(store, Optional.of(jrc));
            assertEquals(NodeAddresses.derive(jrc, PLEDGE), addresses.of(PLEDGE));
            store.nodes().recordJoin(PLEDGE, PledgeRole.NODE, "cafe", 1);
            InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("fe80::1"), 61616);
            store.status().recordAddress(PLEDGE, from);
            assertEquals(Optional.of(from), addresses.of(PLEDGE));
            assertEquals(Optional.empty(), new NodeAddresses(store, Optional.empty()).of(PledgeId.parse(
                    "00124b0000000009")));
        }
    }
}

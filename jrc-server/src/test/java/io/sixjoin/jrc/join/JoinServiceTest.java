package io.sixjoin.jrc.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.ByteString;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.JoinRequestCheck;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JRC's join decision and the Configuration it builds, on a real SQLite store, with no CoAP. */
class JoinServiceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final byte[] CAFE = HEX.parseHex("cafe");
    private static final byte[] MIN_REQUEST = HEX.parseHex("a10542cafe"); // {5: h'cafe'}
    private static final ByteString JRC_ADDRESS = ByteString.ofHex("20010db8000000000000000000000001");

    @TempDir
    Path dir;
    JrcStore store;
    NetworkKeyRing keys;
    ProvisionedPledge node;
    ProvisionedPledge lbr;

    @BeforeEach
    void open() {
        store = JrcStore.open(StoreLocation.dataDirectory(dir), CLOCK, new Random(1));
        keys = new NetworkKeyRing(store, new Random(2));
        node = new ProvisionedPledge(PledgeId.parse("00124b0014b5d2a1"),
                PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10"), PledgeRole.NODE);
        lbr = new ProvisionedPledge(PledgeId.parse("00124b0000000001"),
                PreSharedKey.parse("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"), PledgeRole.SIX_LBR);
        store.pledges().add(node);
        store.pledges().add(lbr);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private JoinService service(NetworkSettings settings, JrcProfile profile) {
        return new JoinService(store, settings, profile, keys);
    }

    private static NetworkSettings everything() {
        return new NetworkSettings(CAFE, OptionalLong.of(24), Optional.of(JRC_ADDRESS), OptionalLong.of(300));
    }

    private static Configuration configuration(JoinResult r) throws Exception {
        JoinResult.Joined j = assertInstanceOf(JoinResult.Joined.class, r, () -> r.toString());
        var decoded = ConfigurationCodec.decodeWithReport(j.configuration());
        assertTrue(decoded.ignored().isEmpty(), () -> "the JRC sent something a pledge drops: " + decoded.ignored());
        return decoded.configuration();
    }

    @Test
    void rfc9031ConfigurationCarriesActiveAndPendingKeysInGenerationOrder() throws Exception {
        NetworkKey g1 = keys.active();
        NetworkKey g2 = keys.createPending();
        NetworkKey g3 = keys.createPending();
        store.network().setState(g2.generation(), KeyState.RETIRED);
        Configuration c = configuration(service(NetworkSettings.of(CAFE), JrcProfile.RFC9031).join(node, MIN_REQUEST));
        List<LinkLayerKey> set = c.keySet().orElseThrow();
        assertEquals(2, set.size(), "retired keys are not handed out");
        assertEquals(1, set.get(0).keyId());
        assertArrayEquals(g1.value(), set.get(0).keyValue());
        assertEquals(3, set.get(1).keyId(), "key_id follows the generation, 1..254");
        assertArrayEquals(g3.value(), set.get(1).keyValue());
        assertTrue(set.get(0).keyUsage().isEmpty(), "usage 0 is the default and is left out (RFC 9031 App. A)");
    }

    @Test
    void shortIdentifierIsTheStoredShortAddressAndOptionalsAreAbsentByDefault() throws Exception {
        JoinResult r = service(NetworkSettings.of(CAFE), JrcProfile.RFC9031).join(node, MIN_REQUEST);
        Configuration c = configuration(r);
        JoinedNode stored = store.nodes().find(node.id()).orElseThrow();
        assertEquals(((JoinResult.Joined) r).node(), stored);
        assertArrayEquals(stored.shortAddress().bytes(), c.shortIdentifier().orElseThrow().identifier());
        assertTrue(c.shortIdentifier().get().leaseTimeHours().isEmpty());
        assertTrue(c.jrcAddress().isEmpty());
        assertTrue(c.joinRate().isEmpty());
        assertTrue(c.blacklist().isEmpty());
        assertEquals(PledgeRole.NODE, stored.role());
        assertEquals("cafe", stored.networkId());
        assertEquals(keys.active().generation(), stored.keyGeneration());
    }

    @Test
    void leaseJrcAddressAndJoinRateAreSentWhenSet() throws Exception {
        Configuration c = configuration(service(everything(), JrcProfile.RFC9031).join(node, MIN_REQUEST));
        assertEquals(OptionalLong.of(24), c.shortIdentifier().orElseThrow().leaseTimeHours());
        assertEquals(Optional.of(JRC_ADDRESS), c.jrcAddress());
        assertEquals(OptionalLong.of(300), c.joinRate());
    }

    @Test
    void parametersThePledgeCannotUseAtAllAreLeftOut() throws Exception {
        // {5: h'cafe', 8: [0, 3, null, 0, 4, null, 0, 7, null]}
        byte[] request = HEX.parseHex("a20542cafe0889" + "0003f6" + "0004f6" + "0007f6");
        Configuration c = configuration(service(everything(), JrcProfile.RFC9031).join(node, request));
        assertTrue(c.shortIdentifier().isEmpty());
        assertTrue(c.jrcAddress().isEmpty());
        assertTrue(c.joinRate().isEmpty());
        assertTrue(c.keySet().isPresent(), "the keys are the point of joining");
        assertTrue(store.nodes().find(node.id()).isPresent(), "the node still gets (and keeps) an address");
    }

    @Test
    void onlyUnsupportedWithNullAddinfoMeansLeaveItOut() throws Exception {
        // [1, 7, null]: Malformed (our bytes were bad, §8.4.5: do not try again) keeps nothing special
        // [0, 4, h'..']: only this value unusable, another one might do; [0, 3, null] still drops the short id
        String uc = "0889" + "0107f6" + "000450" + "20010db8000000000000000000000001" + "0003f6";
        Configuration c = configuration(service(everything(), JrcProfile.RFC9031).join(node,
                HEX.parseHex("a20542cafe" + uc)));
        assertEquals(OptionalLong.of(300), c.joinRate());
        assertEquals(Optional.of(JRC_ADDRESS), c.jrcAddress());
        assertTrue(c.shortIdentifier().isEmpty());
    }

    @Test
    void openWsnProfileAnswersExactlyOneKey() {
        NetworkKey g1 = keys.active();
        keys.createPending(); // a rekey in progress must not show: the firmware takes one key only
        JoinResult r = service(everything(), JrcProfile.OPENWSN).join(node, MIN_REQUEST);
        byte[] config = assertInstanceOf(JoinResult.Joined.class, r).configuration();
        // a1 | 02 | 82 | 01 key_id 1 | 50 bstr(16) | key
        assertEquals("a102820150" + HEX.formatHex(g1.value()), HEX.formatHex(config));
        assertTrue(store.nodes().find(node.id()).isPresent(), "the join is still recorded");
    }

    @Test
    void openWsnProfileAcceptsThePanIdLittleEndian() {
        JoinResult r = service(NetworkSettings.of(CAFE), JrcProfile.OPENWSN).join(node, HEX.parseHex("a10542feca"));
        assertInstanceOf(JoinResult.Joined.class, r);
        JoinResult strict = service(NetworkSettings.of(CAFE), JrcProfile.RFC9031).join(lbr, HEX.parseHex("a10542feca"));
        assertInstanceOf(JoinResult.Refused.class, strict);
    }

    @Test
    void reJoinKeepsTheShortAddress() throws Exception {
        JoinService s = service(NetworkSettings.of(CAFE), JrcProfile.RFC9031);
        byte[] first = configuration(s.join(node, MIN_REQUEST)).shortIdentifier().orElseThrow().identifier();
        byte[] otherNode = configuration(s.join(lbr, MIN_REQUEST)).shortIdentifier().orElseThrow().identifier();
        byte[] again = configuration(s.join(node, MIN_REQUEST)).shortIdentifier().orElseThrow().identifier();
        assertArrayEquals(first, again);
        assertTrue(!java.util.Arrays.equals(first, otherNode), "addresses are unique in the network");
        assertEquals(2, store.nodes().list().size());
    }

    @Test
    void sixLbrRoleIsRecordedAsAsked() throws Exception {
        JoinService s = service(NetworkSettings.of(CAFE), JrcProfile.RFC9031);
        configuration(s.join(lbr, HEX.parseHex("a201010542cafe")));
        assertEquals(PledgeRole.SIX_LBR, store.nodes().find(lbr.id()).orElseThrow().role());
        configuration(s.join(lbr, MIN_REQUEST)); // a provisioned 6LBR joining as an ordinary node
        assertEquals(PledgeRole.NODE, store.nodes().find(lbr.id()).orElseThrow().role());
    }

    @Test
    void refusalsRecordNoJoin() {
        JoinService s = service(everything(), JrcProfile.RFC9031);
        JoinResult.Refused wrong = assertInstanceOf(JoinResult.Refused.class, s.join(node, HEX.parseHex("a10542beef")));
        assertEquals(JoinRequestCheck.Reason.WRONG_NETWORK, wrong.reason());
        assertEquals("83000542beef", HEX.formatHex(wrong.diagnostic()));
        JoinResult.Refused role = assertInstanceOf(JoinResult.Refused.class,
                s.join(node, HEX.parseHex("a201010542cafe")));
        assertEquals("83000101", HEX.formatHex(role.diagnostic()));
        JoinResult.Refused malformed = assertInstanceOf(JoinResult.Refused.class, s.join(node, HEX.parseHex("a0")));
        assertEquals("830105f6", HEX.formatHex(malformed.diagnostic()));
        assertTrue(store.nodes().list().isEmpty());
    }

    @Test
    void refusalAfterAJoinLeavesTheRecordAlone() throws Exception {
        JoinService s = service(NetworkSettings.of(CAFE), JrcProfile.RFC9031);
        configuration(s.join(node, MIN_REQUEST));
        JoinedNode before = store.nodes().find(node.id()).orElseThrow();
        assertInstanceOf(JoinResult.Refused.class, s.join(node, HEX.parseHex("a10542beef")));
        assertEquals(before, store.nodes().find(node.id()).orElseThrow());
    }
}

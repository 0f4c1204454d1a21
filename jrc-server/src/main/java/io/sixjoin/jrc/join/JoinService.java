package io.sixjoin.jrc.join;

import io.sixjoin.cbor.cojp.ByteString;
import io.sixjoin.cbor.cojp.CojpLabel;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.KeyUsage;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.cbor.cojp.Role;
import io.sixjoin.cbor.cojp.ShortIdentifier;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreException;
import io.sixjoin.stack.cojp.JoinRequestCheck;
import io.sixjoin.stack.cojp.PledgeId;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the JRC does with a Join Request once OSCORE has verified who sent it (RFC 9031 §8.1.2): check it, record
 * the join durably (with a short address unique in the network), and build the Configuration the Join Response
 * carries. No CoAP here: the caller protects and sends the result, so this is unit-tested with a store alone.
 */
public final class JoinService {
    private static final Logger LOG = LoggerFactory.getLogger(JoinService.class);

    private final JrcStore store;
    private final NetworkSettings settings;
    private final JrcProfile profile;
    private final NetworkKeyRing keys;
    private final JoinRequestCheck check;

    public JoinService(JrcStore store, NetworkSettings settings, JrcProfile profile, NetworkKeyRing keys) {
        this.store = store;
        this.settings = settings;
        this.profile = profile;
        this.keys = keys;
        this.check = new JoinRequestCheck(settings.networkId(), profile == JrcProfile.OPENWSN);
    }

    /** Handles the decrypted payload of a Join Request from an authenticated, provisioned pledge. */
    public JoinResult join(ProvisionedPledge pledge, byte[] payload) {
        Checked checked = check(pledge, payload);
        return result(checked, record(checked));
    }

    /**
     * A Join Request checked against the pledge's provisioning: refused (with the answer ready), or admitted with
     * the key generation it will be given. Kept apart from {@link #record} so that the CBOR work runs outside
     * the store's (group) transaction, which all joins share one at a time.
     */
    public record Checked(ProvisionedPledge pledge, JoinRequestCheck.Verdict verdict, Optional<NetworkKey> active) {
    }

    /** The first step of {@link #join}: decoding and checking, no store writes. */
    public Checked check(ProvisionedPledge pledge, byte[] payload) {
        Role provisioned = pledge.role() == PledgeRole.SIX_LBR ? Role.SIXLBR : Role.NODE;
        JoinRequestCheck.Verdict verdict = check.check(payload, provisioned);
        if (verdict instanceof JoinRequestCheck.Verdict.Admitted) {
            return new Checked(pledge, verdict, Optional.of(keys.active()));
        }
        return new Checked(pledge, verdict, Optional.empty());
    }

    /** The second step, to run in the transaction: records an admitted join; empty for a refused one. */
    public Optional<JoinedNode> record(Checked checked) {
        if (!(checked.verdict() instanceof JoinRequestCheck.Verdict.Admitted admitted)) {
            return Optional.empty();
        }
        PledgeRole role = admitted.role().equals(Role.SIXLBR) ? PledgeRole.SIX_LBR : PledgeRole.NODE;
        return Optional.of(store.nodes().recordJoin(checked.pledge().id(), role, settings.networkIdHex(),
                checked.active().orElseThrow().generation()));
    }

    /** The last step, once the record is committed: the answer's content. */
    public JoinResult result(Checked checked, Optional<JoinedNode> recorded) {
        if (checked.verdict() instanceof JoinRequestCheck.Verdict.Refused r) {
            return new JoinResult.Refused(UnsupportedConfigurationCodec.encode(r.diagnostic()), r.why(), r.detail());
        }
        JoinRequestCheck.Verdict.Admitted admitted = (JoinRequestCheck.Verdict.Admitted) checked.verdict();
        JoinedNode node = recorded.orElseThrow();
        return new JoinResult.Joined(node,
                ConfigurationCodec.encode(configuration(node, checked.active().orElseThrow(), admitted.request())));
    }

    /**
     * Remembers the address a joined node's Join Request came from, where Parameter Updates will be sent. The
     * join itself is already durable, so a failure here is logged rather than costing the pledge its answer.
     */
    public void recordAddress(PledgeId pledge, InetSocketAddress from) {
        try {
            store.status().recordAddress(pledge, NodeAddress.forJoin(pledge, from,
                    settings.jrcAddress().map(NodeAddress::toInet6)));
        } catch (StoreException e) {
            LOG.warn("joined {} but could not record its address: {}", pledge, e.getMessage());
        }
    }

    private Configuration configuration(JoinedNode node, NetworkKey active, JoinRequest request) {
        if (profile == JrcProfile.OPENWSN) {
            // openwsn-fw accepts exactly one K1K2-ENC-MIC32 key and fails on any other label
            return Configuration.empty().withKeySet(List.of(toLinkLayerKey(active)));
        }
        Set<CojpLabel> refused = refusedByPledge(request);
        List<LinkLayerKey> keySet = keys.current().stream()
                .filter(k -> k.state() == KeyState.ACTIVE || k.state() == KeyState.PENDING)
                .sorted(Comparator.comparingInt(NetworkKey::generation))
                .map(JoinService::toLinkLayerKey)
                .toList();
        Configuration c = Configuration.empty().withKeySet(keySet);
        if (!refused.contains(CojpLabel.SHORT_IDENTIFIER)) {
            c = c.withShortIdentifier(new ShortIdentifier(node.shortAddress().bytes(), settings.leaseHours()));
        }
        Optional<ByteString> jrc = settings.jrcAddress();
        if (jrc.isPresent() && !refused.contains(CojpLabel.JRC_ADDRESS)) {
            c = c.withJrcAddress(jrc.get());
        }
        if (settings.joinRate().isPresent() && !refused.contains(CojpLabel.JOIN_RATE)) {
            c = c.withJoinRate(settings.joinRate().getAsLong());
        }
        return c;
    }

    /**
     * Parameters a pledge reported, in an earlier attempt, as unusable whatever their value (RFC 9031 §8.4.5,
     * code Unsupported with a null addinfo): sending them again would fail its join again.
     */
    private static Set<CojpLabel> refusedByPledge(JoinRequest request) {
        return request.unsupportedConfiguration().map(uc -> uc.parameters().stream()
                .filter(p -> p.code().equals(UnsupportedCode.UNSUPPORTED) && p.hasNullAddinfo())
                .map(UnsupportedParameter::label)
                .collect(Collectors.toSet())).orElse(Set.of());
    }

    public static LinkLayerKey toLinkLayerKey(NetworkKey k) {
        // usage 0 is the default, so it is left out (RFC 9031 App. A does the same)
        Optional<KeyUsage> usage = k.keyUsage() == 0 ? Optional.empty() : Optional.of(KeyUsage.of(k.keyUsage()));
        return new LinkLayerKey(k.keyId(), usage, k.value(), Optional.empty());
    }
}

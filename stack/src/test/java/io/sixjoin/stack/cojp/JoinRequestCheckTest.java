package io.sixjoin.stack.cojp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.Role;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.stack.cojp.JoinRequestCheck.Reason;
import io.sixjoin.stack.cojp.JoinRequestCheck.Verdict;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every verdict of the JRC's admission rules, with the exact bytes of the Unsupported_Configuration the protected
 * 4.00 will carry (cojp.md §5.9, §6, §9.6), since the pledge acts on those bytes and nothing else.
 */
class JoinRequestCheckTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CAFE = HEX.parseHex("cafe");

    private final JoinRequestCheck strict = new JoinRequestCheck(CAFE, false);
    private final JoinRequestCheck openWsn = new JoinRequestCheck(CAFE, true);

    private static Verdict.Admitted admitted(Verdict v) {
        return assertInstanceOf(Verdict.Admitted.class, v, () -> v.toString());
    }

    private static Verdict.Refused refused(Verdict v, Reason why, String diagnosticHex) {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, v, () -> v.toString());
        assertEquals(why, r.why(), r.detail());
        assertEquals(diagnosticHex, HEX.formatHex(UnsupportedConfigurationCodec.encode(r.diagnostic())), r.detail());
        return r;
    }

    @Test
    void roleAbsentIsANode() {
        // cojp.md §9.1: {5: h'cafe'}
        Verdict.Admitted a = admitted(strict.check(HEX.parseHex("a10542cafe"), Role.NODE));
        assertEquals(Role.NODE, a.role());
        assertEquals(JoinRequest.of(CAFE), a.request());
    }

    @Test
    void explicitNodeAndProvisionedSixLbrAreAdmitted() {
        // cojp.md §9.6: {1: 0, 5: h'cafe'} and {1: 1, 5: h'cafe'}
        assertEquals(Role.NODE, admitted(strict.check(HEX.parseHex("a201000542cafe"), Role.NODE)).role());
        assertEquals(Role.SIXLBR, admitted(strict.check(HEX.parseHex("a201010542cafe"), Role.SIXLBR)).role());
    }

    @Test
    void sixLbrMayJoinAsAnOrdinaryNode() {
        assertEquals(Role.NODE, admitted(strict.check(HEX.parseHex("a10542cafe"), Role.SIXLBR)).role());
        assertEquals(Role.NODE, admitted(strict.check(HEX.parseHex("a201000542cafe"), Role.SIXLBR)).role());
    }

    @Test
    void nodeAskingForSixLbrIsRefusedWithTheRoleItAskedFor() {
        // [0, 1, 1]: Unsupported, label role, addinfo the offending value 1
        refused(strict.check(HEX.parseHex("a201010542cafe"), Role.NODE), Reason.ROLE_NOT_PROVISIONED, "83000101");
    }

    @Test
    void unknownRoleIsRefusedWithNullAddinfo() {
        // {1: 7, 5: h'cafe'} -> [0, 1, null]; refused even for a 6LBR
        refused(strict.check(HEX.parseHex("a201070542cafe"), Role.NODE), Reason.UNKNOWN_ROLE, "830001f6");
        refused(strict.check(HEX.parseHex("a201070542cafe"), Role.SIXLBR), Reason.UNKNOWN_ROLE, "830001f6");
    }

    @Test
    void wrongNetworkEchoesTheOffendingIdentifier() {
        // {5: h'beef'} -> [0, 5, h'beef'] = 83 00 05 42 beef
        refused(strict.check(HEX.parseHex("a10542beef"), Role.NODE), Reason.WRONG_NETWORK, "83000542beef");
        // a longer identifier that merely starts like ours
        refused(strict.check(HEX.parseHex("a10543cafe00"), Role.NODE), Reason.WRONG_NETWORK, "83000543cafe00");
    }

    @Test
    void wrongNetworkWinsOverAForbiddenRole() {
        // the pledge must learn to try another network first; role would not help it
        refused(strict.check(HEX.parseHex("a201010542beef"), Role.NODE), Reason.WRONG_NETWORK, "83000542beef");
    }

    @Test
    void byteSwappedPanIdIsAcceptedOnlyWhenAsked() {
        byte[] swapped = HEX.parseHex("a10542feca"); // openwsn-fw sends 0xcafe little-endian
        refused(strict.check(swapped, Role.NODE), Reason.WRONG_NETWORK, "83000542feca");
        assertEquals(Role.NODE, admitted(openWsn.check(swapped, Role.NODE)).role());
        assertEquals(Role.NODE, admitted(openWsn.check(HEX.parseHex("a10542cafe"), Role.NODE)).role());
        // swapping is for 2-byte PAN IDs only
        refused(openWsn.check(HEX.parseHex("a10541ca"), Role.NODE), Reason.WRONG_NETWORK, "83000541ca");
        refused(openWsn.check(HEX.parseHex("a10542caff"), Role.NODE), Reason.WRONG_NETWORK, "83000542caff");
    }

    @Test
    void byteSwapDoesNotApplyToLongerNetworkIdentifiers() {
        JoinRequestCheck threeBytes = new JoinRequestCheck(HEX.parseHex("010203"), true);
        refused(threeBytes.check(HEX.parseHex("a10543030201"), Role.NODE), Reason.WRONG_NETWORK, "83000543030201");
    }

    /**
     * Malformed payloads refuse with the label the decoder blames; failures no single label owns (not a map,
     * trailing bytes) are reported against the network identifier, the one parameter every request must carry.
     */
    @ParameterizedTest(name = "{2}")
    @CsvSource({
        // payload,                 diagnostic,   what
        "a0,                        830105f6,     '{} lacks the network identifier: [1, 5, null] (cojp.md §6)'",
        "a10101,                    830105f6,     '{1: 1} lacks the network identifier'",
        "a10540,                    830105f6,     '{5: h''''} empty network identifier'",
        "a10505,                    830105f6,     '{5: 5} wrong type'",
        "a201200542cafe,            830101f6,     '{1: -1, ...} role is not a uint'",
        "a20542cafe0700,            830007f6,     '{7: 0} a Configuration label: [0, 7, null] (cojp.md §6)'",
        "a20542cafe0900,            830009f6,     'unknown label 9: Unsupported'",
        "a20542cafe08820003,        830108f6,     '{8: [0, 3]} not a triple'",
        "a20542cafe0542beef,        830105f6,     'label 5 twice'",
        "8105,                      830105f6,     '[5] not a map'",
        "a10542cafe00,              830105f6,     'trailing byte'",
        "'',                        830105f6,     'no bytes at all'",
    })
    void malformedPayloads(String payloadHex, String diagnosticHex, String what) {
        byte[] payload = HEX.parseHex(payloadHex == null ? "" : payloadHex);
        Verdict.Refused r = refused(strict.check(payload, Role.NODE), Reason.MALFORMED_PAYLOAD, diagnosticHex);
        assertEquals(false, r.detail().isBlank(), what);
    }

    @Test
    void validRequestWithAReportedUnsupportedParameterIsAdmitted() {
        // cojp.md §9.6: {5: h'cafe', 8: [0, 3, null]}: the pledge reports it cannot use a short identifier
        Verdict.Admitted a = admitted(strict.check(HEX.parseHex("a20542cafe08830003f6"), Role.NODE));
        assertEquals(1, a.request().unsupportedConfiguration().orElseThrow().parameters().size());
    }

    @Test
    void networkIdentifierIsCopied() {
        byte[] id = HEX.parseHex("cafe");
        JoinRequestCheck check = new JoinRequestCheck(id, false);
        id[0] = 0;
        admitted(check.check(HEX.parseHex("a10542cafe"), Role.NODE));
        assertThrows(IllegalArgumentException.class, () -> new JoinRequestCheck(new byte[0], false));
        assertThrows(IllegalArgumentException.class, () -> new JoinRequestCheck(null, false));
    }
}

package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.MoteFrameVectorsTest.HEX;
import static io.sixjoin.stack.openwsn.MoteFrameVectorsTest.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.openwsn.OpenWsnFormatException.Reason;
import io.sixjoin.stack.openwsn.StatusElement.Kind;

/**
 * STATUS elements of both firmware numberings: openwsn-serial.md §1.3 (develop: ASN 4, JOINED 11, MSF 12) and
 * §7.1 (April 2021 CMake branch: ASN 3, JOINED 10, MSF 11); ASN layout per §7.2 (packed {@code asn_t}); the
 * IdManager fixture is what §7.5 reports after SETROOT 'Y' (isDAGroot 1, prefix bbbb::).
 */
class StatusElementTest {
    /** Element 1 from mote 0001: DAGroot, PAN cafe, id 0001, EUI-64 14-15-92-cc-00-00-00-01, prefix bbbb::. */
    static final String ID_MANAGER = "53" + "0001" + "01" + "01" + "cafe" + "0001" + "141592cc00000001"
            + "bbbb000000000000";
    /** ASN 0x0102030405 as packed asn_t: byte4 01, bytes2and3 0x0203 LE, bytes0and1 0x0405 LE. */
    static final String PACKED_ASN = "01" + "0302" + "0504";

    @Test
    void idManagerIsTheSameInBothVersions() throws OpenWsnFormatException {
        MoteFrame.Status s = (MoteFrame.Status) MoteFrameVectorsTest.parse(ID_MANAGER);
        StatusElement.IdManager expected = new StatusElement.IdManager(1, 0xcafe, 1, ROOT, 0xbbbb000000000000L);
        assertEquals(expected, s.decode());
        assertEquals(expected, s.decode(FirmwareDialect.DEVELOP));
        assertEquals(expected, s.decode(FirmwareDialect.CMAKE_2021));
        assertEquals(s, MoteFrame.Status.of(1, expected, FirmwareDialect.CMAKE_2021));
        MoteFrameVectorsTest.assertEmits(ID_MANAGER, s);
    }

    @Test
    void rankAndSync() throws OpenWsnFormatException {
        assertEquals(new StatusElement.MyDagRank(256), status(2, "0001").decode());
        assertEquals(new StatusElement.IsSync(1), status(0, "01").decode());
        assertRefused(status(0, "0101"));
        assertRefused(status(1, "01cafe"));
    }

    @Test
    void asnAndJoinedFollowTheFirmwareNumbering() throws OpenWsnFormatException {
        StatusElement.Asn asn = new StatusElement.Asn(0x0102030405L);
        StatusElement.Joined joined = new StatusElement.Joined(0x0102030405L);
        // develop
        assertEquals(asn, status(4, PACKED_ASN).decode(FirmwareDialect.DEVELOP));
        assertEquals(joined, status(11, PACKED_ASN).decode(FirmwareDialect.DEVELOP));
        assertEquals(new StatusElement.OutputBuffer(0x0201, 0x0403),
                status(3, "01020304").decode(FirmwareDialect.DEVELOP));
        assertEquals(status(4, PACKED_ASN), MoteFrame.Status.of(1, asn, FirmwareDialect.DEVELOP));
        assertEquals(status(11, PACKED_ASN), MoteFrame.Status.of(1, joined, FirmwareDialect.DEVELOP));
        // 2021 CMake branch
        assertEquals(asn, status(3, PACKED_ASN).decode(FirmwareDialect.CMAKE_2021));
        assertEquals(joined, status(10, PACKED_ASN).decode(FirmwareDialect.CMAKE_2021));
        assertEquals(status(3, PACKED_ASN), MoteFrame.Status.of(1, asn, FirmwareDialect.CMAKE_2021));
        assertThrows(IllegalArgumentException.class,
                () -> MoteFrame.Status.of(1, new StatusElement.OutputBuffer(0, 0), FirmwareDialect.CMAKE_2021));
        // explicit dialect, wrong layout
        assertRefused(status(3, PACKED_ASN), FirmwareDialect.DEVELOP);
    }

    @Test
    void withoutADialectLengthTellsTheVersionsApart() throws OpenWsnFormatException {
        assertEquals(new StatusElement.Asn(0x0102030405L), status(3, PACKED_ASN).decode());    // 2021 ASN
        assertEquals(new StatusElement.OutputBuffer(1, 2), status(3, "01000200").decode());    // develop
        assertEquals(new StatusElement.Asn(0x0102030405L), status(4, PACKED_ASN).decode());    // develop ASN
        assertEquals(Kind.MAC_STATS, ((StatusElement.Other) status(4, "00".repeat(15)).decode()).kind());
        assertEquals(new StatusElement.Joined(0x0102030405L), status(10, PACKED_ASN).decode()); // 2021 JOINED
        assertEquals(new StatusElement.KaPeriod(0x0190), status(10, "9001").decode());         // develop kaPeriod
        assertEquals(new StatusElement.Joined(0x0102030405L), status(11, PACKED_ASN).decode()); // develop JOINED
        assertEquals(Kind.MSF, ((StatusElement.Other) status(11, "0102").decode()).kind());    // 2021 MSF
        // QUEUE (develop 8) and NEIGHBORS (2021 8) are both 40 bytes: undecidable, kept raw
        assertEquals(new StatusElement.Other(8, Kind.UNRECOGNISED, new byte[40]), status(8, "00".repeat(40)).decode());
        assertEquals(Kind.QUEUE_ROW, ((StatusElement.Other) status(8, "00".repeat(40))
                .decode(FirmwareDialect.DEVELOP)).kind());
        // ids no version defines stay open
        assertEquals(new StatusElement.Other(42, Kind.UNRECOGNISED, HEX.parseHex("ab")), status(42, "ab").decode());
        assertRefused(status(3, "010203"));
    }

    @Test
    void evidenceNamesTheVersion() {
        assertEquals(Optional.of(FirmwareDialect.CMAKE_2021), FirmwareDialect.evidence(3, 5));
        assertEquals(Optional.of(FirmwareDialect.DEVELOP), FirmwareDialect.evidence(3, 4));
        assertEquals(Optional.of(FirmwareDialect.DEVELOP), FirmwareDialect.evidence(12, 2));
        assertEquals(Optional.of(FirmwareDialect.CMAKE_2021), FirmwareDialect.evidence(10, 5));
        assertEquals(Optional.empty(), FirmwareDialect.evidence(1, 21));
        assertEquals(Optional.empty(), FirmwareDialect.evidence(8, 40));
        assertEquals(Optional.empty(), FirmwareDialect.evidence(99, 1));
    }

    @Test
    void statusNeedsItsHeader() {
        MoteFrameVectorsTest.assertRefused(Reason.TRUNCATED, "53" + "0001");
    }

    static MoteFrame.Status status(int elementId, String raw) throws OpenWsnFormatException {
        return (MoteFrame.Status) MoteFrameVectorsTest.parse("53" + "0001" + String.format("%02x", elementId) + raw);
    }

    static void assertRefused(MoteFrame.Status status) {
        OpenWsnFormatException e = assertThrows(OpenWsnFormatException.class, status::decode);
        assertEquals(Reason.BAD_STATUS_ELEMENT, e.reason());
    }

    static void assertRefused(MoteFrame.Status status, FirmwareDialect dialect) {
        OpenWsnFormatException e = assertThrows(OpenWsnFormatException.class, () -> status.decode(dialect));
        assertEquals(Reason.BAD_STATUS_ELEMENT, e.reason());
    }
}

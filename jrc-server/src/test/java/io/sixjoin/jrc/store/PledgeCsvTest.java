package io.sixjoin.jrc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PledgeCsvTest {
    private static final String PSK = "00112233445566778899aabbccddeeff";
    private static final String PSK2 = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final Predicate<PledgeId> NONE = id -> false;

    private static PledgeCsv.Result parse(String text) {
        return PledgeCsv.parse(text.getBytes(StandardCharsets.UTF_8), NONE);
    }

    @Test
    void acceptsCommentsBlanksWhitespaceCrlfBomAndSeparators() {
        PledgeCsv.Result r = parse("\uFEFF# exported 2026-11-27\r\n\r\n eui64 , psk , role \r\n"
                + "00:12:4B:00:14:B5:D2:A1 , " + PSK + " , 6LBR\r\n"
                + "00-12-4b-00-14-b5-d2-a2," + PSK2 + ",\n"
                + "  # a comment in the middle\n"
                + "\"00124b0014b5d2a3\"," + PSK + ",node");
        assertTrue(r.isValid(), r.errors()::toString);
        assertEquals(List.of(
                new ProvisionedPledge(PledgeId.parse("00124b0014b5d2a1"), PreSharedKey.parse(PSK),
                        PledgeRole.SIX_LBR),
                new ProvisionedPledge(PledgeId.parse("00124b0014b5d2a2"), PreSharedKey.parse(PSK2),
                        PledgeRole.NODE),
                new ProvisionedPledge(PledgeId.parse("00124b0014b5d2a3"), PreSharedKey.parse(PSK),
                        PledgeRole.NODE)), r.pledges());
    }

    @Test
    void twoColumnHeaderMeansEveryPledgeIsANode() {
        PledgeCsv.Result r = parse("eui64,psk\n00124b0014b5d2a1," + PSK + "\n");
        assertEquals(PledgeRole.NODE, r.pledges().get(0).role());
    }

    @Test
    void everyBadRowIsReportedWithItsLineNumberAndNothingIsReturned() {
        PledgeCsv.Result r = parse(String.join("\n",
                "eui64,psk,role",                         // 1
                "00124b0014b5d2a1," + PSK + ",node",      // 2 ok
                "zz," + PSK,                              // 3 bad EUI-64
                "00124b0014b5d2a2,abcd",                  // 4 short PSK
                "00124b0014b5d2a3," + PSK + "0",          // 5 odd PSK
                "00124b0014b5d2a4," + PSK.replace('a', 'x'), // 6 non-hex PSK
                "00124b0014b5d2a5," + PSK + ",router",    // 7 unknown role
                "00124b0014b5d2a1," + PSK2,               // 8 duplicate of line 2
                "00124b0014b5d2a6",                       // 9 one field
                "00124b0014b5d2a7," + PSK + ",node,x",    // 10 four fields
                "00124b0014b5d2a8,,node"));              // 11 missing PSK
        assertFalse(r.isValid());
        assertTrue(r.pledges().isEmpty());
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11), r.errors().stream().map(CsvError::line).toList());
        assertEquals("line 3: bad EUI-64 'zz': expected 16 hex digits, e.g. 00124b0014b5d2a1",
                r.errors().get(0).toString());
        assertTrue(r.errors().get(1).message().startsWith("bad PSK length: 2 bytes"));
        assertTrue(r.errors().get(2).message().contains("33 hex digits is not a whole number of bytes"));
        assertTrue(r.errors().get(3).message().contains("not a hex digit"));
        assertTrue(r.errors().get(4).message().startsWith("unknown role 'router'"));
        assertTrue(r.errors().get(5).message().contains("already on line 2"));
        assertEquals("f.csv:9: expected 2 or 3 fields (eui64,psk[,role]), found 1: check for missing or stray commas",
                r.errors().get(6).format("f.csv"));
        assertTrue(r.errors().get(7).message().contains("found more than 3"));
        assertTrue(r.errors().get(8).message().startsWith("missing PSK"));
    }

    @Test
    void alreadyProvisionedPledgesAreBadRows() {
        PledgeId known = PledgeId.parse("00124b0014b5d2a1");
        PledgeCsv.Result r = PledgeCsv.parse(("eui64,psk\n00124b0014b5d2a1," + PSK + "\n")
                .getBytes(StandardCharsets.UTF_8), Set.of(known)::contains);
        assertEquals(1, r.errors().size());
        assertEquals(2, r.errors().get(0).line());
        assertTrue(r.errors().get(0).message().contains("already provisioned"));
    }

    @Test
    void headerProblems() {
        assertEquals("line 1: missing header: the first line must be 'eui64,psk' or 'eui64,psk,role'"
                + " (add it above the first pledge)",
                parse("00124b0014b5d2a1," + PSK + "\n").errors().get(0).toString());
        assertTrue(parse("# only a comment\nid,key\n").errors().get(0).toString().startsWith("line 2: wrong header"));
        assertTrue(parse("").errors().get(0).message().contains("no header"));
        assertTrue(parse("eui64,psk\n").isValid());
        assertTrue(parse("eui64,psk\n00124b0014b5d2a1," + PSK + ",node\n").errors().get(0).message()
                .contains("add ',role' to the header"));
    }

    @Test
    void invalidUtf8AndOverlongLinesAreReportedNotThrown() {
        byte[] bad = ("eui64,psk\n00124b0014b5d2a1," + PSK + "\n\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        PledgeCsv.Result r = PledgeCsv.parse(bad, NONE);
        assertEquals(3, r.errors().get(0).line());
        assertTrue(r.errors().get(0).message().contains("UTF-8"));
        PledgeCsv.Result longLine = parse("eui64,psk\n" + ",".repeat(5000) + "\n");
        assertTrue(longLine.errors().get(0).message().contains("longer than"));
    }

    @Test
    void oversizedInputIsRefusedWithoutReadingItAll() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) '\n');
                return len;
            }
        };
        PledgeCsv.Result r = PledgeCsv.parse(endless, NONE);
        assertTrue(r.errors().get(0).message().contains("larger than 64 MiB"));
    }

    @Test
    void tooManyRowsIsOneClearError() {
        StringBuilder sb = new StringBuilder("eui64,psk\n");
        String row = "zz,x\n";
        sb.append(row.repeat(PledgeCsv.MAX_ROWS + 1));
        PledgeCsv.Result r = parse(sb.toString());
        assertEquals(PledgeCsv.MAX_REPORTED_ERRORS + 2, r.errors().size());
        CsvError last = r.errors().get(r.errors().size() - 1);
        assertTrue(last.message().contains("more errors not shown"), last.toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.message().contains("more than 1000000 pledges")));
    }

    @Test
    void noMessageEverContainsAPsk() throws IOException {
        String[] rows = {
            PSK + ",00124b0014b5d2a1,node",          // columns swapped
            "00124b0014b5d2a1," + PSK + "0",        // odd length
            "00124b0014b5d2a1," + PSK.substring(2),  // 15 bytes
            "00124b0014b5d2a1," + PSK + ",7",
            "00124b0014b5d2a1," + PSK.substring(0, 16) + "," + PSK.substring(16), // split by a stray comma
            "00124b0014b5d2a1," + PSK + "zz",
            "00124b0014b5d2a1,\u0000" + PSK,
            PSK + PSK + ",x",
            "00124b0014b5d2a1," + PSK + "," + PSK,
        };
        for (String row : rows) {
            PledgeCsv.Result r = parse("eui64,psk,role\n" + row + "\n");
            assertFalse(r.isValid(), row);
            for (CsvError e : r.errors()) {
                String m = e.toString().toLowerCase();
                assertFalse(m.contains(PSK.substring(0, 16)) || m.contains(PSK.substring(16)), m);
            }
        }
        PledgeCsv.Result ok = parse("eui64,psk\n00124b0014b5d2a1," + PSK + "\n");
        assertFalse(ok.toString().contains(PSK), ok.toString());
    }

    @Test
    void quotedValuesAreSanitised() {
        String m = parse("eui64,psk\n\u001b[31mzz\u0007," + PSK + "\n").errors().get(0).message();
        assertFalse(m.chars().anyMatch(c -> c < 0x20), m);
        assertTrue(m.contains("'?[31mzz?'"), m);
        assertTrue(PledgeFields.quote("x".repeat(100), 100).contains("not shown"));
    }
}

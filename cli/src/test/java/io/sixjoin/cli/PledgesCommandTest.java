package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PledgesCommandTest {
    private static final String EUI = "00124b0014b5d2a1";
    private static final String PSK = "00112233445566778899aabbccddeeff";

    @TempDir
    Path tmp;

    /** One run of the real command line with captured output. */
    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SixjoinCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run runData(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = tmp.resolve("data").toString();
        return run(all);
    }

    @Test
    void addListRemove() throws Exception {
        Run add = runData("pledges", "add", "--eui64", "00:12:4B:00:14:B5:D2:A1", "--psk", PSK, "--role", "6lbr");
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().matches("added 00124b0014b5d2a1 \\(6lbr, psk fp [0-9a-f]{8}\\)\\R"), add.out());
        assertEquals("", add.err());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data/jrc.db"))));

        Run list = runData("pledges", "list");
        assertEquals(0, list.code());
        String[] lines = list.out().split("\\R");
        assertEquals(2, lines.length, list.out());
        assertTrue(lines[0].matches("EUI-64 +role +PSK fingerprint +added"), lines[0]);
        assertTrue(lines[1].matches(EUI + " +6lbr +[0-9a-f]{8} +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lines[1]);
        assertFalse(list.out().contains(PSK));

        Run remove = runData("pledges", "remove", "--eui64", EUI);
        assertEquals(0, remove.code(), remove.err());
        assertEquals("removed " + EUI, remove.out().strip());
        assertEquals("no pledges provisioned", runData("pledges", "list").out().strip());
    }

    @Test
    void addingTwiceAndRemovingAnUnknownPledgeAreUserErrors() {
        assertEquals(0, runData("pledges", "add", "--eui64", EUI, "--psk", PSK).code());
        Run again = runData("pledges", "add", "--eui64", EUI, "--psk", PSK);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already provisioned"), again.err());
        Run unknown = runData("pledges", "remove", "--eui64", "00124b0014b5d2ff");
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("no pledge 00124b0014b5d2ff"), unknown.err());
    }

    @Test
    void badEuiPskAndRoleAreOneLineExitTwoAndCreateNothing() {
        Run badEui = runData("pledges", "add", "--eui64", "zz", "--psk", PSK);
        assertEquals(2, badEui.code());
        assertEquals("sixjoin pledges add: --eui64: bad EUI-64 'zz': expected 16 hex digits, e.g. 00124b0014b5d2a1",
                badEui.err().strip());
        Run badPsk = runData("pledges", "add", "--eui64", EUI, "--psk", PSK.substring(2));
        assertEquals(2, badPsk.code());
        assertEquals(1, badPsk.err().lines().count());
        assertTrue(badPsk.err().contains("--psk: bad PSK length: 15 bytes"), badPsk.err());
        assertFalse(badPsk.err().contains(PSK.substring(2)));
        Run badRole = runData("pledges", "add", "--eui64", EUI, "--psk", PSK, "--role", "router");
        assertEquals(2, badRole.code());
        assertTrue(badRole.err().contains("--role: unknown role 'router'"), badRole.err());
        assertFalse(Files.exists(tmp.resolve("data")), "a rejected command must not create the store");
    }

    @Test
    void importReportsEveryBadRowWithItsLineAndImportsNothing() throws Exception {
        Path csv = Files.writeString(tmp.resolve("pledges.csv"), String.join("\n",
                "eui64,psk,role",
                "00124b0014b5d2a1," + PSK + ",node",
                "# a comment",
                "zz," + PSK,
                "00124b0014b5d2a2,abcd,node",
                "00124b0014b5d2a1," + PSK + ",6lbr",
                ""));
        Run r = runData("pledges", "import", csv.toString());
        assertEquals(2, r.code());
        String[] err = r.err().split("\\R");
        assertEquals(csv + ":4: bad EUI-64 'zz': expected 16 hex digits, e.g. 00124b0014b5d2a1", err[0]);
        assertTrue(err[1].startsWith(csv + ":5: bad PSK length: 2 bytes"), err[1]);
        assertTrue(err[2].startsWith(csv + ":6: duplicate EUI-64 00124b0014b5d2a1: already on line 2"), err[2]);
        assertTrue(err[3].contains("nothing imported: fix the 3 errors above"), err[3]);
        assertFalse(Files.exists(tmp.resolve("data")), "a refused import creates no store");
        assertEquals("no pledges provisioned", runData("pledges", "list").out().strip());
    }

    @Test
    void importIntoAnExistingStoreReportsBadAndAlreadyProvisionedRowsTogether() throws Exception {
        assertEquals(0, runData("pledges", "add", "--eui64", EUI, "--psk", PSK).code());
        Path csv = Files.writeString(tmp.resolve("mixed.csv"), "eui64,psk\nzz," + PSK + "\n" + EUI + "," + PSK + "\n");
        Run r = runData("pledges", "import", csv.toString());
        assertEquals(2, r.code());
        String[] err = r.err().split("\\R");
        assertEquals(3, err.length, r.err());
        assertTrue(err[0].startsWith(csv + ":2: bad EUI-64 'zz'"), err[0]);
        assertTrue(err[1].startsWith(csv + ":3: " + EUI + " is already provisioned"), err[1]);
        assertEquals("sixjoin pledges import: nothing imported: fix the 2 errors above and run again", err[2]);
    }

    @Test
    void importHappyPathAndAlreadyProvisionedRows() throws Exception {
        StringBuilder sb = new StringBuilder("eui64,psk,role\r\n");
        for (int i = 0; i < 250; i++) {
            sb.append(String.format("00124b00%08x,%s,%s\r\n", i, PSK, i == 0 ? "6lbr" : ""));
        }
        Path csv = Files.writeString(tmp.resolve("many.csv"), sb);
        Run r = runData("pledges", "import", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("imported 250 pledges", r.out().strip());
        assertEquals(251, runData("pledges", "list").out().lines().count());
        Run again = runData("pledges", "import", csv.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith(csv + ":2: 00124b0000000000 is already provisioned"), again.err());
    }

    @Test
    void importOfAMissingFileIsBadInput() {
        Run r = runData("pledges", "import", tmp.resolve("nope.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void dbOptionAndMutualExclusion() {
        String url = "jdbc:sqlite:" + tmp.resolve("x.db");
        assertEquals(0, run("pledges", "add", "--db", url, "--eui64", EUI, "--psk", PSK).code());
        assertTrue(run("pledges", "list", "--db", url).out().contains(EUI));
        Run both = run("pledges", "list", "--db", url, "--data", tmp.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        Run notJdbc = run("pledges", "list", "--db", "/tmp/x.db");
        assertEquals(2, notJdbc.code());
    }

    @Test
    void anUnusableStoreIsARuntimeFailureWithoutAStackTrace() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        Run r = run("pledges", "list", "--data", notADir.resolve("sub").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void everyCommandHasHelpAndUsageErrorsExitTwo() {
        for (String sub : new String[] {"add", "import", "list", "remove"}) {
            Run help = run("pledges", sub, "--help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("--data"), help.out());
        }
        assertEquals(0, run("pledges", "--help").code());
        assertEquals(2, run("pledges").code());
        assertEquals(2, run("pledges", "add", "--eui64", EUI).code()); // --psk missing
        assertEquals(2, run("pledges", "list", "--bogus").code());
    }
}

package io.sixjoin.emulator.topology;

import io.sixjoin.emulator.topology.TopologyFileException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyFileTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = TopologyFileTest.class.getResourceAsStream("/topology/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheDocumentedExample() throws Exception {
        Topology t = TopologyFile.parse(fixture("full.json"));
        assertEquals(5, t.size());
        assertEquals(new MoteSpec(1, 0, 0, true), t.root());
        assertEquals(new MoteSpec(3, -15, 2.25, false), t.motes().get(2));
        assertEquals(List.of(new LinkSpec(1, 2, 0.9), new LinkSpec(9, 3, 0)), t.links());
        assertEquals(List.of(
                new Fault.Reboot(Duration.ofSeconds(120), 7),
                new Fault.Degrade(Duration.ofSeconds(60), 1, 2, 0.2, Duration.ofSeconds(30)),
                new Fault.JrcOutage(Duration.ofSeconds(30), Duration.ofSeconds(20)),
                new Fault.Reboot(Duration.ofSeconds(90), 9),
                new Fault.JrcOutage(Duration.ofMillis(250), Duration.ofNanos(1_000))), t.faults());
        assertTrue(t.isConnected(20));
    }

    @Test
    void readsAMinimalFileFromDisk(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("one.json");
        Files.write(f, fixture("minimal.json"));
        Topology t = TopologyFile.load(f);
        assertEquals(1, t.size());
        assertTrue(t.links().isEmpty() && t.faults().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not json             | {motes:[]}                                                  | SYNTAX        | $
            empty                | ``                                                          | SYNTAX        | $
            trailing             | {"motes":[{"id":0,"x":0,"y":0,"root":true}]} []             | SYNTAX        | $
            duplicate key        | {"motes":[],"motes":[]}                                     | SYNTAX        | $
            top not object       | [1,2]                                                       | WRONG_TYPE    | $
            no motes             | {}                                                          | MISSING       | $.motes
            motes empty          | {"motes":[]}                                                | OUT_OF_RANGE  | $.motes
            motes not array      | {"motes":{}}                                                | WRONG_TYPE    | $.motes
            unknown top field    | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"mote":1}       | UNKNOWN_FIELD | $
            typo in mote         | {"motes":[{"id":0,"x":0,"y":0,"roote":true}]}               | UNKNOWN_FIELD | $.motes[0]
            mote not object      | {"motes":[3]}                                               | WRONG_TYPE    | $.motes[0]
            id missing           | {"motes":[{"x":0,"y":0,"root":true}]}                       | MISSING       | $.motes[0].id
            id null              | {"motes":[{"id":null,"x":0,"y":0,"root":true}]}             | MISSING       | $.motes[0].id
            id fractional        | {"motes":[{"id":1.5,"x":0,"y":0,"root":true}]}              | WRONG_TYPE    | $.motes[0].id
            id string            | {"motes":[{"id":"1","x":0,"y":0,"root":true}]}              | WRONG_TYPE    | $.motes[0].id
            id negative          | {"motes":[{"id":-1,"x":0,"y":0,"root":true}]}               | OUT_OF_RANGE  | $.motes[0].id
            id huge              | {"motes":[{"id":99999999999999999999,"x":0,"y":0,"root":true}]} | OUT_OF_RANGE | $.motes[0].id
            x too far            | {"motes":[{"id":0,"x":1e8,"y":0,"root":true}]}              | OUT_OF_RANGE  | $.motes[0].x
            y infinite           | {"motes":[{"id":0,"x":0,"y":1e400,"root":true}]}            | OUT_OF_RANGE  | $.motes[0].y
            root string          | {"motes":[{"id":0,"x":0,"y":0,"root":"yes"}]}               | WRONG_TYPE    | $.motes[0].root
            duplicate id         | {"motes":[{"id":0,"x":0,"y":0,"root":true},{"id":0,"x":1,"y":0}]} | DUPLICATE | $.motes[1].id
            no root              | {"motes":[{"id":0,"x":0,"y":0}]}                            | INCONSISTENT  | $.motes
            two roots            | {"motes":[{"id":0,"x":0,"y":0,"root":true},{"id":1,"x":1,"y":0,"root":true}]} | INCONSISTENT | $.motes
            link to nobody       | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"links":[{"a":0,"b":5,"prr":1}]} | UNKNOWN_MOTE | $.links[0].b
            link prr percent     | {"motes":[{"id":0,"x":0,"y":0,"root":true},{"id":1,"x":1,"y":0}],"links":[{"a":0,"b":1,"prr":90}]} | OUT_OF_RANGE | $.links[0].prr
            link to self         | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"links":[{"a":0,"b":0,"prr":1}]} | OUT_OF_RANGE | $.links[0].b
            link twice           | {"motes":[{"id":0,"x":0,"y":0,"root":true},{"id":1,"x":1,"y":0}],"links":[{"a":0,"b":1,"prr":1},{"a":1,"b":0,"prr":0.5}]} | DUPLICATE | $.links[1]
            fault kind unknown   | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"1s","kind":"fire"}]} | OUT_OF_RANGE | $.faults[0].kind
            fault kind missing   | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"1s"}]} | MISSING | $.faults[0].kind
            fault field foreign  | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"1s","kind":"jrc-outage","for":"1s","mote":0}]} | UNKNOWN_FIELD | $.faults[0]
            fault at number      | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":120,"kind":"reboot","mote":0}]} | WRONG_TYPE | $.faults[0].at
            fault at no unit     | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"120","kind":"reboot","mote":0}]} | OUT_OF_RANGE | $.faults[0].at
            fault at negative    | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"-1s","kind":"reboot","mote":0}]} | OUT_OF_RANGE | $.faults[0].at
            fault at too late    | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"9000h","kind":"reboot","mote":0}]} | OUT_OF_RANGE | $.faults[0].at
            fault sub-µs         | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"0.0001ms","kind":"reboot","mote":0}]} | OUT_OF_RANGE | $.faults[0].at
            reboot unknown mote  | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"1s","kind":"reboot","mote":4}]} | UNKNOWN_MOTE | $.faults[0].mote
            outage for zero      | {"motes":[{"id":0,"x":0,"y":0,"root":true}],"faults":[{"at":"1s","kind":"jrc-outage","for":"0s"}]} | OUT_OF_RANGE | $.faults[0].for
            degrade without for  | {"motes":[{"id":0,"x":0,"y":0,"root":true},{"id":1,"x":1,"y":0}],"faults":[{"at":"1s","kind":"degrade","a":0,"b":1,"prr":0.1}]} | MISSING | $.faults[0].for
            deep nesting         | {"motes":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}           | TOO_LARGE     | $
            long number          | {"motes":[{"id":0,"x":0.00000000000000000000000000000000000000000000000000000000000000000001,"y":0,"root":true}]} | TOO_LARGE | $
            """)
    void refusesWithReasonAndPath(String name, String json, Reason reason, String path) {
        TopologyFileException e = assertThrows(TopologyFileException.class,
                () -> TopologyFile.parse(json.getBytes(StandardCharsets.UTF_8)), name);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }

    @Test
    void tooManyMotesIsRefusedBeforeAnyIsChecked() {
        StringBuilder b = new StringBuilder("{\"motes\":[");
        for (int i = 0; i <= TopologyFile.MAX_MOTES; i++) {
            b.append(i == 0 ? "" : ",").append("0");
        }
        TopologyFileException e = assertThrows(TopologyFileException.class,
                () -> TopologyFile.parse(b.append("]}").toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("$.motes", e.path());
    }

    @Test
    void hostileFieldNamesAreDefangedInMessages() {
        String json = "{\"motes\":[{\"id\":0,\"x\":0,\"y\":0,\"root\":true,\"\\u001b[31m" + "A".repeat(100) + "\":1}]}";
        TopologyFileException e = assertThrows(TopologyFileException.class,
                () -> TopologyFile.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reason.UNKNOWN_FIELD, e.reason());
        assertFalse(e.getMessage().contains("\u001b"));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertFalse(e.hint().isEmpty());
    }

    @Test
    void aMissingFileIsAnIoRefusal() {
        TopologyFileException e = assertThrows(TopologyFileException.class,
                () -> TopologyFile.load(Path.of("/no/such/topology.json")));
        assertEquals(Reason.IO, e.reason());
    }
}

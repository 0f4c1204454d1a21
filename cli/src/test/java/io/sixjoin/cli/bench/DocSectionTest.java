package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocSectionTest {
    private final DocSection section = new DocSection("bench jrc");

    @Test
    void replacesOnlyItsOwnSectionAndKeepsEverythingAround() {
        String doc = "# Benchmarks\n\nintro\n\n<!-- bench x start -->\nother\n<!-- bench x end -->\n\n"
                + "<!-- bench jrc start -->\nold results\nmore old\n<!-- bench jrc end -->\n\n## Analysis\nkept\n";
        String out = section.replace(doc, "new results\n");
        assertEquals("# Benchmarks\n\nintro\n\n<!-- bench x start -->\nother\n<!-- bench x end -->\n\n"
                + "<!-- bench jrc start -->\nnew results\n<!-- bench jrc end -->\n\n## Analysis\nkept\n", out);
    }

    @Test
    void replacingTwiceGivesTheSameDocument() {
        String once = section.replace("# B\n", "r\n");
        assertEquals(once, section.replace(once, "r\n"));
    }

    @Test
    void appendsTheSectionWhenTheMarkersAreMissing() {
        assertEquals("# B\n\n<!-- bench jrc start -->\nr\n<!-- bench jrc end -->\n", section.replace("# B\n", "r"));
        assertEquals("# B\n\n<!-- bench jrc start -->\nr\n<!-- bench jrc end -->\n", section.replace("# B", "r"));
        assertEquals("<!-- bench jrc start -->\nr\n<!-- bench jrc end -->\n", section.replace("", "r"));
    }

    @Test
    void refusesUnbalancedDuplicatedOrReversedMarkers() {
        String start = section.startMarker();
        String end = section.endMarker();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> section.replace("a\n" + start + "\nb\n", "r"))
                .getMessage().contains("without"));
        assertThrows(IllegalArgumentException.class, () -> section.replace(end + "\n", "r"));
        assertThrows(IllegalArgumentException.class, () -> section.replace(end + "\n" + start + "\n", "r"));
        assertThrows(IllegalArgumentException.class,
                () -> section.replace(start + end + start + end, "r"));
    }

    @Test
    void otherSectionsMarkersDoNotCount() {
        String doc = "<!-- bench jrc-heap start -->\nx\n<!-- bench jrc-heap end -->\n";
        assertEquals(doc + "\n<!-- bench jrc start -->\nr\n<!-- bench jrc end -->\n", section.replace(doc, "r"));
    }
}

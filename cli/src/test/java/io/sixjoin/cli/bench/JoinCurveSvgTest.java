package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class JoinCurveSvgTest {
    /** Four pledges joining at 1 s, 10 s, 10 s and 100 s of a run that went on to 1,000 s. */
    private static JoinCurveSvg.Panel tiny(boolean complete) {
        return new JoinCurveSvg.Panel("4 pledges", 4,
                List.of(new JoinCurveSvg.Series("star L=7", new long[] {1_000_000, 10_000_000, 10_000_000,
                    100_000_000}, 1_000_000_000, complete)),
                List.of(new JoinCurveSvg.Floor("M3 L=7", 100)));
    }

    @Test
    void aTinyRunGivesTheStepCurveWorkedOutByHand() {
        String svg = JoinCurveSvg.render("t", List.of(tiny(true)));
        // x: decades 1 s .. 1000 s over pixels 72..336 (88 px each); y: 0..4 pledges over 264..64 (50 px each).
        // The two joins at 10 s share one vertical step.
        assertTrue(svg.contains("points=\"72,264 72,264 72,214 160,214 160,114 248,114 248,64 336,64\""), svg);
        assertTrue(svg.contains("<line x1=\"248\" y1=\"64\" x2=\"248\" y2=\"264\" stroke=\"#555\""),
                "the floor at 100 s: " + svg);
        assertTrue(svg.contains(">10³ s</text>"), "decade labels: " + svg);
        assertTrue(svg.contains(">star L=7</text>"), "legend: " + svg);
        assertFalse(svg.contains("<circle cx=\"336\""), "a complete run has no open end");
    }

    @Test
    void floorLabelsTakeOneRowEachAndTurnLeftAtTheFrame() {
        JoinCurveSvg.Panel p = new JoinCurveSvg.Panel("4", 4, tiny(true).series(),
                List.of(new JoinCurveSvg.Floor("M3 L=7", 100), new JoinCurveSvg.Floor("M3 L=101", 900)));
        String svg = JoinCurveSvg.render("t", List.of(p));
        assertTrue(svg.contains("<text x=\"251\" y=\"75\" font-size=\"9\" fill=\"#555\">M3 L=7</text>"), svg);
        // 900 s is at x = 332, too close to the frame's right edge (336) for the label to follow the line
        assertTrue(svg.contains("<text x=\"329\" y=\"86\" text-anchor=\"end\" font-size=\"9\" fill=\"#555\">"
                + "M3 L=101</text>"), svg);
    }

    @Test
    void theSameDataGivesTheSameBytes() {
        assertEquals(JoinCurveSvg.render("t", List.of(tiny(false), tiny(true))),
                JoinCurveSvg.render("t", List.of(tiny(false), tiny(true))));
    }

    @Test
    void anUnfinishedRunEndsInAnOpenCircleAndTheDocumentIsWellFormedXml() throws Exception {
        String svg = JoinCurveSvg.render("a < b & c", List.of(tiny(false)));
        assertTrue(svg.contains("<circle cx=\"336\" cy=\"64\""), svg);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
    }

    @Test
    void tenThousandJoinsStayAtMostTwoPointsPerPixelColumn() {
        long[] joins = new long[10_000];
        for (int i = 0; i < joins.length; i++) {
            joins[i] = 1_000_000L + 37_000L * i;
        }
        String svg = JoinCurveSvg.render("t", List.of(new JoinCurveSvg.Panel("10,000", 10_000,
                List.of(new JoinCurveSvg.Series("x", joins, joins[joins.length - 1], true)), List.of())));
        Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find());
        int points = m.group(1).split(" ").length;
        int width = JoinCurveSvg.PANEL_WIDTH - JoinCurveSvg.PLOT_LEFT - JoinCurveSvg.PLOT_RIGHT;
        assertTrue(points <= 2 * (width + 1) + 2, points + " points");
    }

    @Test
    void numbersHaveOneDecimalAtMostAndADot() {
        assertEquals("72", JoinCurveSvg.num(72.0));
        assertEquals("72.5", JoinCurveSvg.num(72.46));
        assertEquals("-0.5", JoinCurveSvg.num(-0.5));
    }
}

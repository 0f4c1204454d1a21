package io.sixjoin.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws joined pledges over emulated time as a standalone SVG: one panel per network size, one step line per run
 * in it, the §4.2 M3 floor of each slotframe as a dashed vertical line, and one legend for all panels (a run's
 * colour is the same in every panel). Time is on a log scale because one chart holds runs whose formation
 * times differ by orders of magnitude (slotframe 7 against 101, 100 against 10,000 pledges). Written by hand
 * rather than through a plotting library so the benchmark adds no dependency; the output depends only on the
 * input (fixed number format, no timestamps), so a rerun with the same numbers gives the same file.
 */
public final class JoinCurveSvg {
    static final int PANEL_WIDTH = 340;
    static final int PANEL_HEIGHT = 280;
    static final int MARGIN = 10;
    static final int TITLE_HEIGHT = 34;
    static final int LEGEND_ROW = 20;
    static final int PLOT_LEFT = 62;
    static final int PLOT_RIGHT = 14;
    static final int PLOT_TOP = 30;
    static final int PLOT_BOTTOM = 50;
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};
    private static final String[] SUPERSCRIPT = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

    /**
     * One run's curve.
     *
     * @param label      legend text; runs with the same label share a colour across panels
     * @param joinMicros every joined pledge's join time, emulated µs, ascending
     * @param endMicros  emulated time the run reached: the curve stays flat up to here
     * @param complete   whether every pledge formed; an unfinished run ends in an open circle
     */
    public record Series(String label, long[] joinMicros, long endMicros, boolean complete) {
    }

    /** A vertical reference line, e.g. a floor. */
    public record Floor(String label, double seconds) {
    }

    /** One chart: its title, the pledges (the y axis's top), its runs and its reference lines. */
    public record Panel(String title, int pledges, List<Series> series, List<Floor> floors) {
    }

    private JoinCurveSvg() {
    }

    /** The SVG document. */
    public static String render(String title, List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        Map<String, String> colours = new LinkedHashMap<>();
        for (Panel p : panels) {
            for (Series s : p.series()) {
                colours.computeIfAbsent(s.label(), k -> PALETTE[colours.size() % PALETTE.length]);
            }
        }
        double[] range = range(panels);
        int width = 2 * MARGIN + panels.size() * PANEL_WIDTH;
        int legendRows = Math.max(1, (colours.size() + 1 + 3) / 4);
        int height = TITLE_HEIGHT + PANEL_HEIGHT + legendRows * LEGEND_ROW + MARGIN;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"").append(width / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">")
                .append(escape(title)).append("</text>\n");
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), MARGIN + i * PANEL_WIDTH, TITLE_HEIGHT, range, colours);
        }
        legend(svg, colours, TITLE_HEIGHT + PANEL_HEIGHT, width);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** log10 of the shared time axis's ends: whole decades around every join, run end and floor. */
    static double[] range(List<Panel> panels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (Series s : p.series()) {
                if (s.joinMicros().length > 0 && s.joinMicros()[0] > 0) {
                    min = Math.min(min, s.joinMicros()[0] / 1e6);
                }
                if (s.endMicros() > 0) {
                    max = Math.max(max, s.endMicros() / 1e6);
                    min = Math.min(min, s.endMicros() / 1e6);
                }
            }
            for (Floor f : p.floors()) {
                if (f.seconds() > 0) {
                    min = Math.min(min, f.seconds());
                    max = Math.max(max, f.seconds());
                }
            }
        }
        if (!(min <= max)) {
            return new double[] {0, 1};
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private static void panel(StringBuilder svg, Panel p, int x0, int y0, double[] range, Map<String, String> colours) {
        int left = x0 + PLOT_LEFT;
        int right = x0 + PANEL_WIDTH - PLOT_RIGHT;
        int top = y0 + PLOT_TOP;
        int bottom = y0 + PANEL_HEIGHT - PLOT_BOTTOM;
        Axis x = new Axis(range[0], range[1], left, right);
        int total = Math.max(1, p.pledges());
        svg.append("<g>\n");
        svg.append("<text x=\"").append((left + right) / 2).append("\" y=\"").append(y0 + 18)
                .append("\" text-anchor=\"middle\" font-size=\"12\">").append(escape(p.title())).append("</text>\n");
        // grid and ticks: decades on x, quarters of the pledges on y
        for (int d = (int) range[0]; d <= (int) range[1]; d++) {
            String px = num(x.at(d));
            svg.append("<line x1=\"").append(px).append("\" y1=\"").append(top).append("\" x2=\"").append(px)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"#e0e0e0\"/>\n");
            svg.append("<text x=\"").append(px).append("\" y=\"").append(bottom + 15)
                    .append("\" text-anchor=\"middle\">").append(decade(d)).append("</text>\n");
        }
        for (int q = 0; q <= 4; q++) {
            String py = num(bottom - (bottom - top) * q / 4.0);
            svg.append("<line x1=\"").append(left).append("\" y1=\"").append(py).append("\" x2=\"").append(right)
                    .append("\" y2=\"").append(py).append("\" stroke=\"#e0e0e0\"/>\n");
            svg.append("<text x=\"").append(left - 5).append("\" y=\"").append(num(Double.parseDouble(py) + 4))
                    .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%,d", total * q / 4))
                    .append("</text>\n");
        }
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"")
                .append(right - left).append("\" height=\"").append(bottom - top)
                .append("\" fill=\"none\" stroke=\"#333\"/>\n");
        svg.append("<text x=\"").append((left + right) / 2).append("\" y=\"").append(bottom + 32)
                .append("\" text-anchor=\"middle\">emulated time, s (log scale)</text>\n");
        svg.append("<text transform=\"translate(").append(x0 + 11).append(' ').append((top + bottom) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">joined pledges</text>\n");
        int row = 0;
        for (Floor f : p.floors()) {
            if (f.seconds() <= 0) {
                continue;
            }
            String px = num(x.at(Math.log10(f.seconds())));
            svg.append("<line x1=\"").append(px).append("\" y1=\"").append(top).append("\" x2=\"").append(px)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n");
            // one row per label so neighbours cannot overlap; right of the line, unless that runs past the frame
            // (about 5.5 px per character at 9 px)
            double at = x.at(Math.log10(f.seconds()));
            boolean fits = at + 3 + 5.5 * f.label().length() <= right;
            svg.append("<text x=\"").append(num(fits ? at + 3 : at - 3)).append("\" y=\"").append(top + 11 + 11 * row++)
                    .append(fits ? "" : "\" text-anchor=\"end").append("\" font-size=\"9\" fill=\"#555\">")
                    .append(escape(f.label())).append("</text>\n");
        }
        for (Series s : p.series()) {
            curve(svg, s, x, top, bottom, total, colours.get(s.label()));
        }
        svg.append("</g>\n");
    }

    /**
     * The step curve of one run, at most two points per pixel column: joins that land in the same column merge
     * into one vertical step, so 10,000 pledges do not make a megabyte of coordinates.
     */
    private static void curve(StringBuilder svg, Series s, Axis x, int top, int bottom, int total, String colour) {
        List<double[]> points = new ArrayList<>();
        double height = bottom - top;
        points.add(new double[] {x.from, bottom});
        int count = 0;
        for (long t : s.joinMicros()) {
            count++;
            double px = Math.round(x.seconds(t / 1e6));
            double py = bottom - height * count / total;
            double[] last = points.get(points.size() - 1);
            if (last[0] == px && points.size() > 1) {
                last[1] = py;
            } else {
                points.add(new double[] {px, last[1]});
                points.add(new double[] {px, py});
            }
        }
        double[] last = points.get(points.size() - 1);
        double end = Math.max(last[0], x.seconds(s.endMicros() / 1e6));
        if (end > last[0]) {
            points.add(new double[] {end, last[1]});
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            svg.append(i == 0 ? "" : " ").append(num(points.get(i)[0])).append(',').append(num(points.get(i)[1]));
        }
        svg.append("\"/>\n");
        if (!s.complete()) {
            double[] e = points.get(points.size() - 1);
            svg.append("<circle cx=\"").append(num(e[0])).append("\" cy=\"").append(num(e[1]))
                    .append("\" r=\"3.5\" fill=\"white\" stroke=\"").append(colour).append("\"/>\n");
        }
    }

    private static void legend(StringBuilder svg, Map<String, String> colours, int y0, int width) {
        List<String> entries = new ArrayList<>(colours.keySet());
        int column = (width - 2 * MARGIN) / 4;
        int i = 0;
        for (String label : entries) {
            int x = MARGIN + PLOT_LEFT + (i % 4) * column;
            int y = y0 + (i / 4) * LEGEND_ROW + 12;
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(x + 22)
                    .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(colours.get(label))
                    .append("\" stroke-width=\"2\"/>\n");
            svg.append("<text x=\"").append(x + 28).append("\" y=\"").append(y).append("\">").append(escape(label))
                    .append("</text>\n");
            i++;
        }
        int x = MARGIN + PLOT_LEFT + (i % 4) * column;
        int y = y0 + (i / 4) * LEGEND_ROW + 12;
        svg.append("<circle cx=\"").append(x + 11).append("\" cy=\"").append(y - 4)
                .append("\" r=\"3.5\" fill=\"white\" stroke=\"#333\"/>\n");
        svg.append("<text x=\"").append(x + 28).append("\" y=\"").append(y)
                .append("\">run stopped before formation</text>\n");
    }

    /** Maps log10(seconds) onto pixels. */
    private record Axis(double lo, double hi, double from, double to) {
        double at(double log10) {
            return from + (log10 - lo) / (hi - lo) * (to - from);
        }

        double seconds(double s) {
            return s <= 0 ? from : Math.max(from, Math.min(to, at(Math.log10(s))));
        }
    }

    private static String decade(int d) {
        if (d >= 0 && d <= 2) {
            return (int) Math.pow(10, d) + " s";
        }
        if (d == -1) {
            return "0.1 s";
        }
        StringBuilder sb = new StringBuilder("10");
        if (d < 0) {
            sb.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(d)).toCharArray()) {
            sb.append(SUPERSCRIPT[c - '0']);
        }
        return sb.append(" s").toString();
    }

    /** One decimal at most, no trailing ".0", a dot whatever the locale: the same numbers, the same bytes. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

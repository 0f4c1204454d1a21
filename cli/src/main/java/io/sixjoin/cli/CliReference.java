package io.sixjoin.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders the command-line reference, {@code docs/cli.md}, from the picocli model of {@link SixjoinCommand}, so the
 * document cannot drift from the code: every visible command and subcommand (depth first, in the order they are
 * registered) with its full name, header and description, usage synopsis, options (names, parameter label, default,
 * description), positional parameters, exit codes when the command declares them, and its footer (examples, exit
 * codes given as text). Hidden commands and options are left out, as {@code --help} leaves them out. The output
 * depends on nothing but the model: colours are off and the usage width is fixed at {@value #WIDTH} columns instead
 * of following the terminal. {@code CliReferenceTest} fails when the checked-in file differs, and rewrites it with
 * {@code -Dsixjoin.writeDocs=true}; {@link #main} prints it from the jar.
 */
public final class CliReference {
    /**
     * Usage width in columns: fixed, so the synopses wrap the same on every machine. (picocli lets a
     * {@code picocli.usage.width} system property override any width; nothing here sets it.)
     */
    public static final int WIDTH = 100;

    /** How to rewrite {@code docs/cli.md} from the source tree; the drift test prints it. */
    public static final String REGENERATE =
            "mvn -o -q test -pl cli -Dtest=CliReferenceTest -Dsixjoin.writeDocs=true";

    private static final Help.Ansi ANSI = Help.Ansi.OFF;

    private CliReference() {
    }

    /**
     * Prints the reference to stdout, for {@code java -cp cli/target/sixjoin.jar io.sixjoin.cli.CliReference}.
     * It is not a {@code sixjoin} subcommand: it would then document itself, and the root command's list of
     * subcommands is not the place for a build tool.
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(markdown());
        out.flush();
    }

    /** The reference for the {@code sixjoin} command line as it is built in this jar. */
    public static String markdown() {
        return markdown(SixjoinCommand.newCommandLine());
    }

    /** The reference for {@code root} and all its visible subcommands; sets {@code root}'s usage width. */
    public static String markdown(CommandLine root) {
        root.setUsageHelpWidth(WIDTH);
        root.setUsageHelpAutoWidth(false);
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands);
        StringBuilder md = new StringBuilder();
        md.append("# `").append(root.getCommandName()).append("` command-line reference\n\n");
        md.append("<!-- Generated from the picocli model by io.sixjoin.cli.CliReference: do not edit by hand.\n");
        md.append("     Regenerate with: ").append(REGENERATE).append(" -->\n\n");
        md.append("Every command and subcommand, with the options `--help` shows. Task-oriented guides: README.md\n");
        md.append("and the other files in docs/.\n\n");
        for (CommandLine c : commands) {
            CommandSpec spec = c.getCommandSpec();
            md.append("  ".repeat(depth(spec))).append("- [").append(spec.qualifiedName()).append("](#")
                    .append(anchor(spec)).append(")\n");
        }
        for (CommandLine c : commands) {
            md.append('\n');
            command(c.getCommandSpec(), md);
        }
        return md.toString();
    }

    /** Depth-first, parents before children; an alias maps to the same CommandLine, so it is listed once. */
    private static void collect(CommandLine c, List<CommandLine> into) {
        if (c.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        into.add(c);
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine sub : c.getSubcommands().values()) {
            if (seen.put(sub, Boolean.TRUE) == null) {
                collect(sub, into);
            }
        }
    }

    private static void command(CommandSpec spec, StringBuilder md) {
        UsageMessageSpec usage = spec.usageMessage();
        Help help = new Help(spec, Help.defaultColorScheme(ANSI));
        md.append("## ").append(spec.qualifiedName()).append("\n\n");
        for (List<String> paragraph : List.of(lines(usage.header()), lines(usage.description()))) {
            if (!paragraph.isEmpty()) {
                for (String line : paragraph) {
                    md.append(escape(line)).append('\n');
                }
                md.append('\n');
            }
        }
        String heading = "Usage: ";
        md.append("```text\n").append(heading).append(help.synopsis(heading.length()).stripTrailing())
                .append("\n```\n");
        options(spec, help, md);
        parameters(spec, md);
        subcommands(spec, md);
        exitCodes(usage, md);
        List<String> footer = lines(usage.footer());
        if (!footer.isEmpty()) {
            md.append("\n```text\n");
            for (String line : footer) {
                md.append(line.stripTrailing()).append('\n');
            }
            md.append("```\n");
        }
    }

    private static void options(CommandSpec spec, Help help, StringBuilder md) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(o);
            }
        }
        if (options.isEmpty()) {
            return;
        }
        // The same order as --help: sorted by name unless the command asks for declaration order.
        Comparator<OptionSpec> order = spec.usageMessage().sortOptions() ? help.createDefaultOptionSort() : null;
        if (order != null) {
            options.sort(order);
        }
        boolean defaults = options.stream().anyMatch(o -> !defaultValue(o).isEmpty());
        md.append(defaults ? "\n| Option | Default | Description |\n|---|---|---|\n"
                : "\n| Option | Description |\n|---|---|\n");
        for (OptionSpec o : options) {
            String label = o.arity().max() == 0 ? ""
                    : help.parameterLabelRenderer().renderParameterLabel(o, ANSI, List.of()).toString();
            md.append("| ").append(code(String.join(", ", o.names()) + label)).append(o.required() ? " (required)" : "")
                    .append(defaults ? " | " + defaultValue(o) : "").append(" | ")
                    .append(cell(String.join(" ", lines(o.description())))).append(" |\n");
        }
    }

    private static void parameters(CommandSpec spec, StringBuilder md) {
        List<PositionalParamSpec> params = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                params.add(p);
            }
        }
        if (params.isEmpty()) {
            return;
        }
        boolean defaults = params.stream().anyMatch(p -> !defaultValue(p).isEmpty());
        md.append(defaults ? "\n| Parameter | Default | Description |\n|---|---|---|\n"
                : "\n| Parameter | Description |\n|---|---|\n");
        for (PositionalParamSpec p : params) {
            String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
            md.append("| ").append(code(label)).append(p.arity().min() == 0 ? " (optional)" : "")
                    .append(defaults ? " | " + defaultValue(p) : "").append(" | ")
                    .append(cell(String.join(" ", lines(p.description())))).append(" |\n");
        }
    }

    private static void subcommands(CommandSpec spec, StringBuilder md) {
        Map<CommandLine, String> subs = new LinkedHashMap<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                subs.putIfAbsent(sub, sub.getCommandName());
            }
        }
        if (subs.isEmpty()) {
            return;
        }
        md.append("\n| Subcommand | Description |\n|---|---|\n");
        for (CommandLine sub : subs.keySet()) {
            CommandSpec s = sub.getCommandSpec();
            // The header if there is one, as --help lists subcommands; else the whole description, where --help shows
            // only the first line, which often stops mid-sentence.
            List<String> header = lines(s.usageMessage().header());
            String description = String.join(" ", header.isEmpty() ? lines(s.usageMessage().description()) : header);
            md.append("| [").append(s.name()).append("](#").append(anchor(s)).append(") | ").append(cell(description))
                    .append(" |\n");
        }
    }

    /** Exit codes declared in the model ({@code exitCodeList}); most commands state theirs in the footer instead. */
    private static void exitCodes(UsageMessageSpec usage, StringBuilder md) {
        Map<String, String> codes = usage.exitCodeList();
        if (codes == null || codes.isEmpty()) {
            return;
        }
        md.append("\n| Exit code | Meaning |\n|---|---|\n");
        for (Map.Entry<String, String> e : codes.entrySet()) {
            md.append("| ").append(cell(e.getKey().strip())).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
    }

    /**
     * The declared default, else the field's initial value when it says something: not {@code false} of a flag,
     * an empty collection or null, which only mean "not given" (the description says what that implies).
     */
    private static String defaultValue(CommandLine.Model.ArgSpec arg) {
        String declared = arg.defaultValue();
        if (declared != null) {
            return code(declared);
        }
        Object initial = arg.initialValue();
        if (initial == null || initial instanceof Boolean || initial instanceof Collection<?> c && c.isEmpty()
                || initial instanceof Map<?, ?> m && m.isEmpty()) {
            return "";
        }
        return code(String.valueOf(initial));
    }

    private static int depth(CommandSpec spec) {
        int d = 0;
        for (CommandSpec p = spec.parent(); p != null; p = p.parent()) {
            d++;
        }
        return d;
    }

    /** GitHub's heading anchor for "## sixjoin pledges add": lower case, spaces to dashes. */
    private static String anchor(CommandSpec spec) {
        return spec.qualifiedName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                .replace(' ', '-');
    }

    /**
     * Text lines as --help prints them: picocli passes each through {@link String#format} (its own help command
     * writes "%n"), so this does too, with '\n' whatever the platform; blank lines at either end are dropped.
     */
    private static List<String> lines(String[] raw) {
        List<String> out = new ArrayList<>();
        for (String line : raw) {
            String formatted;
            try {
                formatted = String.format(Locale.ROOT, line.replace("%n", "\n"));
            } catch (IllegalFormatException e) {
                formatted = line; // a lone '%' is text, as picocli shows it
            }
            out.addAll(List.of(formatted.split("\n", -1)));
        }
        return trimBlankLines(out);
    }

    private static List<String> trimBlankLines(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }

    /**
     * Inline code in a table cell. GFM splits cells at '|' even inside code spans ("node|6lbr"), so it is escaped
     * there too; a backtick inside (none today) gets a longer fence, as CommonMark allows.
     */
    private static String code(String text) {
        String fence = text.contains("`") ? "`` " : "`";
        return fence + text.replace("|", "\\|") + (fence.length() > 1 ? " ``" : "`");
    }

    /** Text outside code: '<' would open an HTML tag ("<prefix>::1"), '*' and '\' would format. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*", "\\*");
    }

    private static String cell(String text) {
        return escape(text.strip()).replace("|", "\\|");
    }
}

package io.sixjoin.emulator.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sixjoin.emulator.topology.TopologyFileException.Reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the JSON topology/scenario format documented in {@code docs/emulator.md} ("Topology files"),
 * treating the file as hostile: the document, strings, numbers, nesting and every list are bounded
 * before or while Jackson reads them; unknown fields are refused rather than ignored, so a typo cannot
 * silently drop a fault; and every refusal is a {@link TopologyFileException} naming the JSON path and
 * how to fix it. The file is read into a tree and then walked by hand, which keeps the error paths
 * exact and keeps Jackson's data binding (and its reflection) away from untrusted input.
 */
public final class TopologyFile {

    /** Most motes a file may declare (the emulator's scale target is 10,000). */
    public static final int MAX_MOTES = 100_000;
    /** Most pinned links a file may declare. */
    public static final int MAX_LINKS = 1_000_000;
    /** Most faults a file may declare. */
    public static final int MAX_FAULTS = 100_000;
    /** Largest file accepted, bytes. */
    public static final int MAX_BYTES = 64 << 20;
    /** Largest absolute coordinate, metres (10,000 km: anything larger is a units mistake). */
    public static final double MAX_COORDINATE = 1e7;
    /** Latest fault start and longest fault duration. */
    public static final Duration MAX_TIME = Duration.ofDays(366);

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxNumberLength(64).maxStringLength(10_000)
                    .maxDocumentLength(MAX_BYTES).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> TOP = Set.of("description", "motes", "links", "faults");
    private static final Set<String> MOTE = Set.of("id", "x", "y", "root");
    private static final Set<String> LINK = Set.of("a", "b", "prr");
    private static final Set<String> REBOOT = Set.of("at", "kind", "mote");
    private static final Set<String> DEGRADE = Set.of("at", "kind", "a", "b", "prr", "for");
    private static final Set<String> OUTAGE = Set.of("at", "kind", "for");

    private final Set<Integer> ids = new HashSet<>();

    private TopologyFile() {
    }

    /** Reads and validates the topology file at {@code file}. */
    public static Topology load(Path file) throws TopologyFileException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new TopologyFileException(Reason.TOO_LARGE, "$", "file is larger than " + MAX_BYTES
                        + " bytes", "split the scenario or generate the topology with --topology random");
            }
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TopologyFileException(Reason.IO, "$", "cannot read " + file + ": " + e.getMessage(),
                    "check the path given to --topology");
        }
    }

    /** Validates a topology document held in memory. */
    public static Topology parse(byte[] json) throws TopologyFileException {
        if (json.length > MAX_BYTES) {
            throw new TopologyFileException(Reason.TOO_LARGE, "$", "document is larger than " + MAX_BYTES
                    + " bytes", "");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new TopologyFileException(Reason.TOO_LARGE, "$", e.getOriginalMessage(),
                    "strings, numbers and nesting are bounded; see docs/emulator.md");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new TopologyFileException(Reason.SYNTAX, "$", "not valid JSON" + where + ": "
                    + e.getOriginalMessage(), "check the file with a JSON validator");
        } catch (IOException e) {
            throw new TopologyFileException(Reason.SYNTAX, "$", "unreadable JSON: " + e.getMessage(), "");
        }
        if (root == null || root.isMissingNode()) {
            throw new TopologyFileException(Reason.SYNTAX, "$", "empty document", "a topology is a JSON object");
        }
        return new TopologyFile().topology(root);
    }

    private Topology topology(JsonNode root) throws TopologyFileException {
        Fields top = Fields.of(root, "$", TOP);
        top.optionalString("description");
        List<MoteSpec> motes = new ArrayList<>();
        JsonNode moteArray = top.array("motes", MAX_MOTES, true);
        for (int i = 0; i < moteArray.size(); i++) {
            motes.add(mote(moteArray.get(i), "$.motes[" + i + "]"));
        }
        List<MoteSpec> roots = motes.stream().filter(MoteSpec::root).toList();
        if (roots.size() != 1) {
            throw new TopologyFileException(Reason.INCONSISTENT, "$.motes", (roots.isEmpty() ? "no mote is"
                    : roots.size() + " motes are") + " the root", "mark exactly one mote (the border router) "
                    + "with \"root\": true");
        }
        List<LinkSpec> links = new ArrayList<>();
        Set<Long> pairs = new HashSet<>();
        JsonNode linkArray = top.array("links", MAX_LINKS, false);
        for (int i = 0; i < linkArray.size(); i++) {
            String path = "$.links[" + i + "]";
            LinkSpec l = link(linkArray.get(i), path);
            if (!pairs.add(((long) Math.min(l.a(), l.b()) << 32) | Math.max(l.a(), l.b()))) {
                throw new TopologyFileException(Reason.DUPLICATE, path, "link " + l.a() + "–" + l.b()
                        + " is already pinned", "links are symmetric; list each pair once");
            }
            links.add(l);
        }
        List<Fault> faults = new ArrayList<>();
        JsonNode faultArray = top.array("faults", MAX_FAULTS, false);
        for (int i = 0; i < faultArray.size(); i++) {
            faults.add(fault(faultArray.get(i), "$.faults[" + i + "]"));
        }
        return new Topology(motes, links, faults);
    }

    private MoteSpec mote(JsonNode node, String path) throws TopologyFileException {
        Fields f = Fields.of(node, path, MOTE);
        int id = f.integer("id");
        double x = f.coordinate("x", MAX_COORDINATE);
        double y = f.coordinate("y", MAX_COORDINATE);
        boolean root = f.optionalBoolean("root");
        if (!ids.add(id)) {
            throw new TopologyFileException(Reason.DUPLICATE, path + ".id", "mote id " + id + " is used twice",
                    "give every mote its own id");
        }
        return new MoteSpec(id, x, y, root);
    }

    private LinkSpec link(JsonNode node, String path) throws TopologyFileException {
        Fields f = Fields.of(node, path, LINK);
        int a = moteRef(f, "a");
        int b = moteRef(f, "b");
        double prr = f.probability("prr");
        if (a == b) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + ".b", "a link from mote " + a
                    + " to itself", "a and b must be different motes");
        }
        return new LinkSpec(a, b, prr);
    }

    private Fault fault(JsonNode node, String path) throws TopologyFileException {
        String kind = Fields.of(node, path, Set.of("at", "kind", "mote", "a", "b", "prr", "for"))
                .string("kind");
        switch (kind) {
            case "reboot": {
                Fields f = Fields.of(node, path, REBOOT);
                return new Fault.Reboot(f.duration("at", MAX_TIME, false), moteRef(f, "mote"));
            }
            case "degrade": {
                Fields f = Fields.of(node, path, DEGRADE);
                Duration at = f.duration("at", MAX_TIME, false);
                int a = moteRef(f, "a");
                int b = moteRef(f, "b");
                if (a == b) {
                    throw new TopologyFileException(Reason.OUT_OF_RANGE, path + ".b", "degrading mote " + a
                            + "'s link to itself", "a and b must be different motes");
                }
                return new Fault.Degrade(at, a, b, f.probability("prr"), f.duration("for", MAX_TIME, true));
            }
            case "jrc-outage": {
                Fields f = Fields.of(node, path, OUTAGE);
                return new Fault.JrcOutage(f.duration("at", MAX_TIME, false), f.duration("for", MAX_TIME, true));
            }
            default:
                throw new TopologyFileException(Reason.OUT_OF_RANGE, path + ".kind", "unknown fault kind "
                        + Fields.quote(kind), "use \"reboot\", \"degrade\" or \"jrc-outage\"");
        }
    }

    private int moteRef(Fields f, String name) throws TopologyFileException {
        int id = f.integer(name);
        if (!ids.contains(id)) {
            throw new TopologyFileException(Reason.UNKNOWN_MOTE, f.path() + "." + name, "no mote has id " + id,
                    "declare the mote under \"motes\" first");
        }
        return id;
    }
}

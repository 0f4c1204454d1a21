package io.sixjoin.jrc.store;

import java.util.Locale;
import java.util.Optional;

/**
 * The role a pledge is provisioned for, with the values of RFC 9031 Table 3 (the number stored and sent
 * on the wire) and the short names the CLI and CSV files use. RFC 9031 defines no registry beyond these
 * two, so there is no "unknown" case: a stored value outside them means a corrupt store.
 */
public enum PledgeRole {
    /** A regular 6TiSCH node (RFC 9031 Table 3 value 0, the default when no role is given). */
    NODE(0, "node"),
    /** A 6LoWPAN Border Router (value 1). */
    SIX_LBR(1, "6lbr");

    private final int value;
    private final String cliName;

    PledgeRole(int value, String cliName) {
        this.value = value;
        this.cliName = cliName;
    }

    /** The RFC 9031 Table 3 value. */
    public int value() {
        return value;
    }

    /** The name users type: {@code node} or {@code 6lbr}. */
    public String cliName() {
        return cliName;
    }

    /** The role with this Table 3 value. */
    public static Optional<PledgeRole> fromValue(int value) {
        for (PledgeRole r : values()) {
            if (r.value == value) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Parses {@code node} or {@code 6lbr}, ignoring case and surrounding spaces. */
    public static Optional<PledgeRole> fromCliName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (PledgeRole r : values()) {
            if (r.cliName.equals(n)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return cliName;
    }
}

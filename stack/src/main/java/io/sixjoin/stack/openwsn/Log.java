package io.sixjoin.stack.openwsn;

import java.util.Objects;
import java.util.Optional;

/**
 * A log line from the firmware ('V', 'I', 'W', 'U', 'E' or 'C' frames, by level): a component code, an error
 * code and two 16-bit arguments whose meaning each error code defines. Codes stay numbers here because they
 * differ between firmware versions; {@link LogCodes} turns them into names for display. A CRITICAL log means
 * the mote will reset itself about 10 s later. Build {@code REL-1.24.0} only sends INFO, ERROR and CRITICAL.
 *
 * <pre>{@code
 * if (MoteFrameCodec.parse(payload) instanceof Log log && log.level().compareTo(Log.Level.WARNING) <= 0) {
 *     operatorLog.warn(log.describe(LogCodes.defaults()));
 * }
 * }</pre>
 *
 * @param level     the frame type, as a level
 * @param moteId    the mote's 16-bit ID
 * @param component the COMPONENT_* code of the reporting module
 * @param errorCode the ERR_* code
 * @param arg1      first argument, 16 bits as sent (OpenVisualizer shows it signed)
 * @param arg2      second argument, 16 bits as sent
 */
public record Log(Level level, int moteId, int component, int errorCode, int arg1, int arg2) implements MoteFrame {
    /** Every log frame has exactly this length: type, mote ID, component, error code, two arguments. */
    public static final int LENGTH = 9;

    /** Log levels, most severe first; firmware sends a level if its debug level is at least {@link #threshold}. */
    public enum Level {
        /** 'C': the mote reboots shortly after. */
        CRITICAL('C', 1),
        /** 'E'. */
        ERROR('E', 2),
        /** 'U'. */
        SUCCESS('U', 3),
        /** 'W'. */
        WARNING('W', 4),
        /** 'I'. */
        INFO('I', 5),
        /** 'V'. */
        VERBOSE('V', 6);

        private final int type;
        private final int threshold;

        Level(int type, int threshold) {
            this.type = type;
            this.threshold = threshold;
        }

        /** The frame-type byte. */
        public int type() {
            return type;
        }

        /** The OPENWSN_DEBUG_LEVEL from which the firmware sends this level. */
        public int threshold() {
            return threshold;
        }

        /** The level whose frame type is {@code type}, if any. */
        public static Optional<Level> ofType(int type) {
            for (Level l : values()) {
                if (l.type == type) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }
    }

    public Log {
        Objects.requireNonNull(level, "level");
        Wire.u16(moteId, "moteId");
        Wire.u8(component, "component");
        Wire.u8(errorCode, "errorCode");
        Wire.u16(arg1, "arg1");
        Wire.u16(arg2, "arg2");
    }

    /** One line for an operator, e.g. {@code ERROR mote 0x0001 OPENSERIAL ERR_WRONG_CRC_INPUT (0x39) 12 0}. */
    public String describe(LogCodes codes) {
        return level + " mote " + Wire.moteId(moteId) + " " + codes.componentName(component) + " "
                + codes.errorName(errorCode) + " " + (short) arg1 + " " + arg2;
    }

    @Override
    public int type() {
        return level.type;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, LENGTH, buffer.length);
        buffer[offset] = (byte) level.type;
        Wire.put16be(buffer, offset + 1, moteId);
        buffer[offset + 3] = (byte) component;
        buffer[offset + 4] = (byte) errorCode;
        Wire.put16be(buffer, offset + 5, arg1);
        Wire.put16be(buffer, offset + 7, arg2);
    }

    @Override
    public String toString() {
        return String.format("Log[%s, mote 0x%04x, component 0x%02x, error 0x%02x, %d, %d]", level, moteId,
                component, errorCode, arg1, arg2);
    }
}

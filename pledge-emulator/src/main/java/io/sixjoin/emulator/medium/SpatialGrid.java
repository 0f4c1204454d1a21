package io.sixjoin.emulator.medium;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A uniform grid of square cells, each as wide as the largest radio range, so that everything a
 * point can reach lies in its own cell or one of the eight around it. Looking up the neighbours of a
 * transmitter then costs the motes in nine cells instead of all N, which is what keeps a slot of a
 * 10,000-mote mesh cheap. Cells live in a hash map keyed by their integer coordinates, so sparse or
 * far-flung layouts cost memory only where motes are. Members of a cell are visited in the order
 * they were added, which keeps iteration deterministic.
 */
public final class SpatialGrid {

    private static final class Cell {
        int[] ids = new int[4];
        int n;

        void add(int id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
        }
    }

    private final double cellSize;
    private final Map<Long, Cell> cells = new HashMap<>();

    /**
     * A grid of cells {@code cellSize} metres wide.
     *
     * @throws IllegalArgumentException if the size is not positive and finite
     */
    public SpatialGrid(double cellSize) {
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            throw new IllegalArgumentException("cell size must be positive and finite: " + cellSize);
        }
        this.cellSize = cellSize;
    }

    /** Width of a cell in metres: the largest query radius the grid answers exactly. */
    public double cellSize() {
        return cellSize;
    }

    /** Files {@code id} under the cell containing (x, y). */
    public void add(int id, double x, double y) {
        cells.computeIfAbsent(key(cellOf(x), cellOf(y)), k -> new Cell()).add(id);
    }

    /**
     * Calls {@code visitor} with every id filed in the 3 × 3 cells around (x, y): a superset of the
     * ids within {@link #cellSize()} of the point, which the caller narrows by distance.
     */
    public void forEachNear(double x, double y, IntConsumer visitor) {
        long cx = cellOf(x);
        long cy = cellOf(y);
        for (long dx = -1; dx <= 1; dx++) {
            for (long dy = -1; dy <= 1; dy++) {
                Cell c = cells.get(key(cx + dx, cy + dy));
                if (c != null) {
                    for (int i = 0; i < c.n; i++) {
                        visitor.accept(c.ids[i]);
                    }
                }
            }
        }
    }

    /** Number of non-empty cells. */
    public int occupiedCells() {
        return cells.size();
    }

    private long cellOf(double v) {
        return (long) Math.floor(v / cellSize);
    }

    /**
     * Packs two cell coordinates. Should tiny cells over a huge area make two cells share a key, their
     * motes merely show up as extra candidates, which callers filter by distance anyway.
     */
    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xFFFF_FFFFL);
    }

    @Override
    public String toString() {
        return "SpatialGrid[" + cellSize + " m, " + cells.size() + " cells]";
    }
}

package io.cachebreaker.runtime.serving;

import java.util.concurrent.atomic.AtomicLong;

/** How many bytes of assets may be held in memory: per variant, and for all of them together. */
public final class MemoryBudget {
    private final long perVariant;
    private final AtomicLong left;

    /**
     * A budget.
     *
     * @param perVariant the largest variant held
     * @param total      the bytes all held variants may use together
     */
    public MemoryBudget(long perVariant, long total) {
        this.perVariant = perVariant;
        this.left = new AtomicLong(total);
    }

    /**
     * Claims room for a variant, for good: held variants are never dropped, so the budget only shrinks.
     *
     * @param size the variant's size
     * @return true when it may be held in memory
     */
    boolean claim(long size) {
        if (size > perVariant) {
            return false;
        }
        long before = left.getAndUpdate(now -> now >= size ? now - size : now);
        return before >= size;
    }

    /** @return bytes not yet claimed */
    public long left() {
        return left.get();
    }
}

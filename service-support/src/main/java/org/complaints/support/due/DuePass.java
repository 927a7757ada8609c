package org.complaints.support.due;

import java.util.List;

/**
 * One sweep's candidates: the ids of documents that may be due, earliest due first. The sweep
 * re-checks each document's due time after loading it (an entry may be stale) and calls
 * {@link #done()} only after handling every id, so a sweep that fails part-way reads the same
 * minutes again.
 */
public final class DuePass {

    private final List<String> ids;
    private final Runnable onDone;

    DuePass(List<String> ids, Runnable onDone) {
        this.ids = List.copyOf(ids);
        this.onDone = onDone;
    }

    /** A pass that records nothing when done (index mode, stores in tests). */
    public static DuePass of(List<String> ids) {
        return new DuePass(ids, () -> {});
    }

    public List<String> ids() {
        return ids;
    }

    public void done() {
        onDone.run();
    }
}

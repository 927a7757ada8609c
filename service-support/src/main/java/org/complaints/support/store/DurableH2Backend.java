package org.complaints.support.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend of the embedded server with MongoDB's journaled write concern: every
 * command that changes data (insert, update, delete, findAndModify, index and collection changes,
 * aggregations with {@code $out}/{@code $merge}) is committed to the file and synced before its
 * reply leaves, so an acknowledged write survives {@code kill -9} (and, with the sync, a power
 * loss). The stock backend only commits from a background thread about once a second.
 *
 * <p>Commits are grouped: a writer that finds its change already covered by a commit another
 * thread started after it does not commit again, so concurrent writers share one file write and
 * one sync.
 *
 * <p>The file is tuned for a commit per write (ADR 0289): MVStore keeps a dead chunk for its
 * retention time (45 s by default, for file systems that flush late) before reusing its space, and
 * rewrites a whole leaf page (48 KB by default) for each changed document. At a commit per write
 * that grew a store of 30 MB of documents to 700 MB, and the background compaction rewriting those
 * chunks took a core and, at 100,000 complaints, the heap. Since every commit here is synced, a
 * short retention is safe: the newest synced chunk never needs a dead one.
 */
public class DurableH2Backend extends H2Backend {

    /**
     * Milliseconds a dead chunk is kept before its space is reused (every commit is synced first).
     * A command's own reads are protected by registering its version; a client cursor idle longer
     * than this between two batches may find its pages gone.
     */
    static final int RETENTION_MILLIS = 10_000;
    /** Bytes of a leaf page before it splits: a commit rewrites the changed leaves. */
    static final int PAGE_SPLIT_BYTES = 4_096;
    /**
     * Percent of the file's chunks that hold live pages below which the background writer rewrites
     * chunks (MVStore's default is 90). At a commit per write, 90 kept it rewriting chunks of the
     * stored history while the suite filed, on the cores filing needed: at 100,000 stored
     * complaints filing took twice as long as at 1,000. At 50 it rewrites while busy only once half
     * the file is dead and catches up when idle; the file stays within about twice its live size
     * (ADR 0616).
     */
    static final int AUTO_COMPACT_FILL_PERCENT = 50;

    private static final Set<String> MODIFYING = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "create",
            "createindexes",
            "drop",
            "dropindexes",
            "dropdatabase",
            "renamecollection");

    private final MVStore store;
    private final boolean sync;
    private final AtomicLong written = new AtomicLong();
    private final Object commitLock = new Object();
    private long committed;

    public DurableH2Backend(String fileName) {
        this(fileName, true);
    }

    /** {@code sync=false} still commits before answering (survives kill -9) but skips the fsync. */
    public DurableH2Backend(String fileName, boolean sync) {
        this(fileName, sync, RETENTION_MILLIS);
    }

    /** With another retention time: tests that need dead chunks reused within seconds. */
    DurableH2Backend(String fileName, boolean sync, int retentionMillis) {
        this(
                new MVStore.Builder()
                        .fileName(fileName)
                        .pageSplitSize(PAGE_SPLIT_BYTES)
                        .autoCompactFillRate(AUTO_COMPACT_FILL_PERCENT)
                        .open(),
                sync,
                retentionMillis);
    }

    private DurableH2Backend(MVStore store, boolean sync, int retentionMillis) {
        super(store);
        this.store = store;
        this.sync = sync;
        if (sync) {
            store.setRetentionTime(retentionMillis);
        }
    }

    /** The file's store, for tests that count what it reads. */
    MVStore store() {
        return store;
    }

    /** Unique indexes ordered by value instead of by Java serialization (ADR 0290); indexes and aggregations whose cost does not grow with history (ADR 0291). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new DurableH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        // The version this command reads stays whole until it ends, however short the retention:
        // a scan longer than the retention time otherwise met "Chunk ... not found".
        var reading = store.registerVersionUsage();
        try {
            if (!modifies(command, query)) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                // Also after a failure: part of a batch may have been applied before it.
                commitDurably(written.incrementAndGet());
            }
        } finally {
            store.deregisterVersionUsage(reading);
        }
    }

    /** Returns once a commit (and sync) that started after write number {@code ticket} finished. */
    private void commitDurably(long ticket) {
        synchronized (commitLock) {
            if (committed >= ticket) {
                return;
            }
            var covers = written.get();
            store.commit();
            if (sync) {
                store.sync();
            }
            committed = covers;
        }
    }

    private static boolean modifies(String command, Document query) {
        var name = command.toLowerCase(Locale.ROOT);
        if (MODIFYING.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline) {
            return pipeline.stream()
                    .anyMatch(
                            stage -> stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return false;
    }
}

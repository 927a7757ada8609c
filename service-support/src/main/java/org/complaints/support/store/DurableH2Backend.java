package org.complaints.support.store;

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
 */
public class DurableH2Backend extends H2Backend {

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
        this(new MVStore.Builder().fileName(fileName).open(), sync);
    }

    private DurableH2Backend(MVStore store, boolean sync) {
        super(store);
        this.store = store;
        this.sync = sync;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!modifies(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // Also after a failure: part of a batch may have been applied before it.
            commitDurably(written.incrementAndGet());
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

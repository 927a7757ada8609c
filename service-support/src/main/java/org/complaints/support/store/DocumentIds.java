package org.complaints.support.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Identifiers of new documents: UUID version 7 (RFC 9562), whose text sorts by creation time.
 *
 * <p>The embedded store keeps a collection in a B-tree by {@code _id} and writes every commit as a
 * new chunk of the file. A random id lands in a random leaf of the history, so each insert
 * rewrote a page of an old chunk and the store's compaction then copied the rest of that chunk
 * again: the cost of filing grew with the stored history (ADR 0616). A time-ordered id is
 * inserted beside the newest documents, which are also the ones still changing. MongoDB's
 * {@code _id} index gains the same locality. 74 random bits keep an id unguessable.
 */
public final class DocumentIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DocumentIds() {}

    /** A new id for a document created now. */
    public static String next() {
        return at(Instant.now());
    }

    /** A new id as a document created at {@code created} gets it. */
    public static String at(Instant created) {
        long mostSignificant = (created.toEpochMilli() << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long leastSignificant = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}

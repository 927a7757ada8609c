package org.complaints.support.due;

import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * How sweeps find due work (ADR 0023): {@code complaints.due.find-by} = {@code buckets} (due-minute
 * documents read by key, for the embedded store, which ignores the due-time indexes), {@code index}
 * (the due-time index of a real MongoDB), or {@code auto} (buckets on the embedded store).
 *
 * @param byBuckets find due work through {@link DueBuckets} instead of the due-time index
 * @param rescan how often a bucket sweep also reads the collection through the index query (a scan
 *     on the embedded store), for due times written by paths that filed no bucket entry; an hour by
 *     default (ADR 0608): at 100,000 cases a rescan costs about 10 s of CPU, and it only catches a
 *     write slower than the buckets' grace or one that bypassed the owner
 */
public record DueSettings(boolean byBuckets, Duration rescan) {

    public static final Duration DEFAULT_RESCAN = Duration.ofHours(1);

    public static DueSettings from(Environment env) {
        var byBuckets = switch (env.getProperty("complaints.due.find-by", "auto")) {
            case "buckets" -> true;
            case "index" -> false;
            default -> env.getProperty("complaints.store.embedded", Boolean.class, false);
        };
        return new DueSettings(byBuckets, env.getProperty("complaints.due.rescan", Duration.class, DEFAULT_RESCAN));
    }
}

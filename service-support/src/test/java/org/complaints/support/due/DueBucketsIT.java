package org.complaints.support.due;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Issue 14, ADR 0023: the due-minute buckets on the embedded server. A pass reads the cursor and
 * the buckets up to the current minute by key; the index query (a scan there) runs only at a
 * process's first pass and every rescan. Counted by the store, not timed.
 */
class DueBucketsIT {

    static final Instant START = Instant.parse("2026-11-22T10:00:30Z");

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    final CountingMongoBackend store = new CountingMongoBackend();
    final MovableClock clock = new MovableClock();
    final List<Instant> indexQueries = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new MongoServer(store);
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "due_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aPassReadsOnlyTheBucketsUpToNowByKey() {
        var due = buckets(true);
        for (var i = 0; i < 2_000; i++) {
            due.file("later-" + i, START.plus(Duration.ofMinutes(1 + i % 1_000)));
        }
        for (var i = 0; i < 5; i++) {
            due.file("due-" + i, START.minus(Duration.ofMinutes(i)));
        }
        pass(due).done(); // the first pass: the index query

        clock.step(Duration.ofSeconds(15));
        store.reset();
        var pass = pass(due);

        assertThat(pass.ids()).containsExactly("due-4", "due-3", "due-2", "due-1", "due-0");
        assertThat(indexQueries).as("index queries: the first pass only").hasSize(1);
        assertThat(store.scans(DueBuckets.COLLECTION)).isZero();
        assertThat(store.examined(DueBuckets.COLLECTION))
                .as("the cursor and the buckets of the last minutes, not the 1,000 ahead")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void aDueTimeAlreadyPastIsFiledUnderTheCurrentMinuteSoTheCursorHasNotPassedIt() {
        var due = buckets(true);
        pass(due).done();
        clock.step(Duration.ofMinutes(10));
        pass(due).done();

        due.file("late", START.minus(Duration.ofDays(1)));

        assertThat(pass(due).ids()).containsExactly("late");
    }

    @Test
    void theCursorMovesOnlyWhenAPassIsDoneAndPassedBucketsAreDropped() {
        var due = buckets(true);
        pass(due).done();
        due.file("a", START.plus(Duration.ofMinutes(1)));
        clock.step(Duration.ofMinutes(2));

        assertThat(pass(due).ids()).containsExactly("a"); // not done: a failed sweep
        assertThat(pass(due).ids()).as("read again").containsExactly("a");
        pass(due).done();

        clock.step(Duration.ofMinutes(5));
        pass(due).done();
        assertThat(pass(due).ids()).isEmpty();
        assertThat(mongo.findById(
                        "t|" + DueBuckets.minuteOf(START.plus(Duration.ofMinutes(1))),
                        Document.class,
                        DueBuckets.COLLECTION))
                .as("a bucket behind the cursor is dropped")
                .isNull();
    }

    @Test
    void anIdlePassLeavesTheCursorUntilItLagsTenMinutesAndStillSeesNewEntries() {
        var due = new DueBuckets(mongo, "t", new DueSettings(true, Duration.ofHours(1)), clock);
        pass(due).done(); // the index pass sets the cursor two minutes behind START
        var start = cursor();

        clock.step(Duration.ofMinutes(5));
        pass(due).done();
        assertThat(cursor()).as("nothing was due: the cursor is not written").isEqualTo(start);

        due.file("new", clock.instant().minusSeconds(1));
        var withEntry = pass(due);
        assertThat(withEntry.ids())
                .as("an entry behind a lagging cursor is read")
                .containsExactly("new");
        withEntry.done();
        assertThat(cursor())
                .as("its bucket is within the grace: nothing to drop yet")
                .isEqualTo(start);

        clock.step(Duration.ofMinutes(3));
        pass(due).done();
        var swept = cursor();
        assertThat(swept)
                .as("a pass whose passed minutes hold a bucket moves the cursor at once")
                .isEqualTo(DueBuckets.minuteOf(clock.instant()) - 2);
        assertThat(pass(due).ids()).as("and drops it").isEmpty();

        clock.step(Duration.ofMinutes(DueBuckets.IDLE_ADVANCE_MINUTES - 1));
        pass(due).done();
        assertThat(cursor()).as("idle, lagging less than ten minutes").isEqualTo(swept);
        clock.step(Duration.ofMinutes(1));
        pass(due).done();
        assertThat(cursor()).as("moved once it lags ten minutes").isEqualTo(DueBuckets.minuteOf(clock.instant()) - 2);
        assertThat(indexQueries).as("no rescan in between").hasSize(1);
    }

    private long cursor() {
        return ((Number) mongo.findById("t|cursor", Document.class, DueBuckets.COLLECTION)
                        .get("next"))
                .longValue();
    }

    @Test
    void aCappedPassResumesAtTheFirstEntryItLeft() {
        var due = buckets(true);
        pass(due).done();
        for (var i = 0; i < 5; i++) {
            due.file("d-" + i, START.plus(Duration.ofMinutes(1 + i)));
        }
        clock.step(Duration.ofMinutes(10));

        var first = due.pass(clock.instant(), 2, this::indexQuery);
        assertThat(first.ids()).containsExactly("d-0", "d-1");
        first.done();

        assertThat(pass(due).ids()).containsExactly("d-2", "d-3", "d-4");
    }

    @Test
    void theIndexQueryRunsAgainAfterTheRescanIntervalOrAClockSetBack() {
        var due = buckets(true);
        pass(due).done();
        clock.step(Duration.ofMinutes(14));
        pass(due).done();
        assertThat(indexQueries).hasSize(1);

        clock.step(Duration.ofMinutes(2));
        pass(due).done();
        assertThat(indexQueries).as("15 minutes after the last full read").hasSize(2);

        clock.step(Duration.ofMinutes(-30));
        pass(due).done();
        assertThat(indexQueries).as("a clock set back").hasSize(3);
    }

    @Test
    void indexModeNeitherFilesNorReadsBuckets() {
        var due = buckets(false);
        due.file("x", START);
        pass(due).done();
        pass(due).done();

        assertThat(indexQueries).hasSize(2);
        assertThat(mongo.getCollection(DueBuckets.COLLECTION).countDocuments()).isZero();
    }

    private DueBuckets buckets(boolean byBuckets) {
        return new DueBuckets(mongo, "t", new DueSettings(byBuckets, Duration.ofMinutes(15)), clock);
    }

    private DuePass pass(DueBuckets due) {
        return due.pass(clock.instant(), 100, this::indexQuery);
    }

    private List<String> indexQuery(Instant now, int max) {
        indexQueries.add(now);
        return List.of();
    }

    static final class MovableClock extends Clock {
        private Instant now = START;

        void step(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package org.complaints.intake.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.test.context.ActiveProfiles;

/** Issue 3: list queries are backed by declared indexes and page without loading the history. */
@SpringBootTest
@ActiveProfiles("test")
class ComplaintListingIT {

    static final AtomicLong loaded = new AtomicLong();

    @TestConfiguration
    static class CountLoads {
        @Bean
        AbstractMongoEventListener<Complaint> loadCounter() {
            return new AbstractMongoEventListener<>() {
                @Override
                public void onAfterLoad(AfterLoadEvent<Complaint> event) {
                    loaded.incrementAndGet();
                }
            };
        }
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ComplaintQueries queries;

    @Autowired
    MongoMappingContext mapping;

    @Test
    @DisplayName("every list filter is the prefix of a declared compound index ending in (createdAt, _id)")
    void listFiltersAreBackedByDeclaredIndexes() {
        var resolver = new MongoPersistentEntityIndexResolver(mapping);
        var keys = new ArrayList<List<String>>();
        resolver.resolveIndexFor(Complaint.class)
                .forEach(i -> keys.add(new ArrayList<>(i.getIndexKeys().keySet())));

        for (var filter : List.of("site", "region", "channel", "level", "status", "customerKey")) {
            assertThat(keys).as("index for " + filter).contains(List.of("tenant", filter, "createdAt", "_id"));
        }
        assertThat(keys).contains(List.of("tenant", "createdAt", "_id"));
        assertThat(keys).contains(List.of("tenant", "idempotencyKey"));
        assertThat(keys).contains(List.of("retentionUntil"));
    }

    @Test
    @DisplayName(
            "with 100,000 stored complaints a filtered list pages through only its own 2,000, reading at most limit+1 per page")
    void pagingThroughAFilteredListReadsOnlyThePages() {
        var base = Instant.parse("2026-01-01T00:00:00Z");
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "complaints");
        for (var i = 0; i < 100_000; i++) {
            bulk.insert(new Document("_id", "bulk-" + i)
                    .append("tenant", "demo-retail")
                    .append("idempotencyKey", "bulk-" + i)
                    .append("site", i % 50 == 0 ? "gz-tianhe" : "sh-xujiahui")
                    .append("channel", "COMPANY_HOTLINE")
                    .append("level", "GENERAL")
                    .append("status", "OPEN")
                    .append("createdAt", java.util.Date.from(base.plusSeconds(i))));
            if (i % 10_000 == 9_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "complaints");
            }
        }
        loaded.set(0);

        var filter = new ComplaintQueries.Filter("demo-retail", "gz-tianhe", null, null, null, null, null, null, null);
        String cursor = null;
        var seen = new java.util.HashSet<String>();
        var pages = 0;
        Instant previous = null;
        do {
            var page = queries.list(filter, cursor, 200);
            for (var c : page.items()) {
                assertThat(c.site).isEqualTo("gz-tianhe");
                if (previous != null) {
                    assertThat(c.createdAt).isBefore(previous);
                }
                previous = c.createdAt;
                seen.add(c.id);
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(seen).hasSize(2_000);
        assertThat(pages).isEqualTo(10);
        assertThat(loaded.get()).as("documents materialised").isLessThanOrEqualTo(pages * 201L);
    }
}

package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ADR 0616: a document's id is a UUID version 7 whose text sorts by creation time. */
class DocumentIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsCreationMillisecond() {
        var created = Instant.parse("2026-12-03T10:15:30.123Z");
        var id = UUID.fromString(DocumentIds.at(created));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(created.toEpochMilli());
    }

    @Test
    void idsOfLaterDocumentsSortAfterEarlierOnesAsText() {
        var earlier = Instant.parse("2025-01-01T00:00:00Z");
        for (var step = 1L; step < 1L << 40; step *= 7) {
            var later = earlier.plusMillis(step);
            assertThat(DocumentIds.at(later)).as("%d ms later", step).isGreaterThan(DocumentIds.at(earlier));
        }
        assertThat(DocumentIds.next())
                .isGreaterThan(DocumentIds.at(Instant.now().minusSeconds(1)));
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        var at = Instant.now();
        var ids = new HashSet<String>();
        for (var i = 0; i < 10_000; i++) {
            ids.add(DocumentIds.at(at));
        }
        assertThat(ids).hasSize(10_000);
    }
}

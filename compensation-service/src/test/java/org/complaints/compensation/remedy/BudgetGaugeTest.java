package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.complaints.support.tenant.TenantDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The budget-used gauge reads each site's own month (ADR 0520), not UTC's. */
class BudgetGaugeTest {

    static final TenantDirectory TENANTS = TenantDirectory.load("");
    /** 1 December 04:00 in Shanghai, still 30 November 21:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-11-30T20:00:00Z");

    @Test
    @DisplayName("at 04:00 on the 1st in Shanghai the gauge shows December there and November in Berlin")
    void eachSiteInItsOwnMonth() {
        assertThat(CompensationSummary.currentMonths(NOW)).containsExactlyInAnyOrder("2026-11", "2026-12");
        var rows = List.of(
                row("demo-dealer", "east", "sh-minhang", "2026-11", 1_000, 900),
                row("demo-dealer", "east", "sh-minhang", "2026-12", 1_000, 500),
                row("demo-generic", "europe", "ber-counter-1", "2026-11", 100, 25),
                row("demo-generic", "europe", "ber-counter-1", "2026-12", 100, 100));

        var used = CompensationSummary.budgetUsed(rows, TENANTS, NOW).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(used)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Tags.of("tenant", "demo-dealer", "region", "east"), 0.5,
                        Tags.of("tenant", "demo-generic", "region", "europe"), 0.25));
    }

    @Test
    @DisplayName("a region's sites add up; a region with no limit counts as spent")
    void regionsAddUpTheirSites() {
        var rows = List.of(
                row("demo-dealer", "east", "sh-minhang", "2026-12", 1_000, 500),
                row("demo-dealer", "north", "bj-chaoyang", "2026-12", 0, 0));

        var used = CompensationSummary.budgetUsed(rows, TENANTS, NOW.plusSeconds(86_400)).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(used)
                .containsEntry(Tags.of("tenant", "demo-dealer", "region", "east"), 0.5)
                .containsEntry(Tags.of("tenant", "demo-dealer", "region", "north"), 1.0);
    }

    private static Document row(String tenant, String region, String site, String month, long limit, long spent) {
        return new Document("tenant", tenant)
                .append("region", region)
                .append("site", site)
                .append("month", month)
                .append("limitMinor", limit)
                .append("spentMinor", spent);
    }
}

package org.complaints.support.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.complaints.support.web.Months;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LC-12 retention from archiving and the tenant's month zone (ADR 0520, 0522). */
class TenantRetentionTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    @DisplayName(
            "scenario 11 / LC-12: archived 2025-03-05 (Shanghai) → retentionUntil 2027-03-05, on the tenant's calendar")
    void twoYearsFromArchiving() {
        var archived = Instant.parse("2025-03-04T17:30:00Z"); // 01:30 on 5 March in Shanghai
        assertThat(tenant(null).retentionUntil(archived)).isEqualTo(Instant.parse("2027-03-04T17:30:00Z"));
        assertThat(tenant("PT20S").retentionUntil(archived)).isEqualTo(archived.plusSeconds(20));
        assertThat(tenant("P1Y6M").retentionUntil(archived)).isEqualTo(Instant.parse("2026-09-04T17:30:00Z"));
        assertThatThrownBy(() -> tenant("two years")).hasMessageContaining("ISO-8601");
    }

    @Test
    @DisplayName("ADR 0520: months are counted in the tenant's zone, the first site's unless configured")
    void monthsInTheTenantZone() {
        assertThat(tenant(null).monthZone()).isEqualTo(SHANGHAI);
        var march = Months.parse("2025-03", tenant(null).monthZone());
        assertThat(march.start()).isEqualTo(Instant.parse("2025-02-28T16:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2025-03-31T16:00:00Z"));
        assertThat(march.previous(SHANGHAI).month().toString()).isEqualTo("2025-02");
    }

    @Test
    @DisplayName(
            "ADR 0520: a site's budget month is cut in the site's zone (17:00 UTC on 30 November is December in Shanghai)")
    void budgetMonthsInTheSiteZone() {
        var lateNovemberUtc = Instant.parse("2026-11-30T17:00:00Z");
        assertThat(tenant(null).siteMonth("s1", lateNovemberUtc).toString()).isEqualTo("2026-12");
        assertThat(tenant(null)
                        .siteMonth("s1", Instant.parse("2026-11-30T15:59:59Z"))
                        .toString())
                .isEqualTo("2026-11");
        assertThat(tenant(null).siteMonth("unknown-site", lateNovemberUtc).toString())
                .as("an unknown site falls back to the tenant's month zone")
                .isEqualTo("2026-12");
    }

    private static Tenant tenant(String retention) {
        var site = new Site(
                "s1",
                "Site",
                "east",
                SHANGHAI,
                new Site.WorkingHours(LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of()),
                Set.of(),
                Set.of(),
                Set.of(),
                List.of());
        return new Tenant("t", "T", "dealer", 2, Map.of("east", "East"), Map.of("s1", site), Map.of(), retention, null);
    }
}

package org.complaints.routing.rosters;

import java.time.Instant;
import java.util.Optional;
import org.complaints.routing.calendar.SiteCalendar;
import org.complaints.support.tenant.Site;
import org.springframework.stereotype.Component;

/**
 * OT-30 / LC-51: is anyone on duty at the desk when a ticket's acceptance timing starts? The
 * moment checked is when the ticket is before the desk: its timing start (SLA-G1: at once inside
 * the counting window, else the next window start), moved to the site's next opening when the site
 * is closed then. A site without a roster is not checked; an exempt ticket (no timing) neither.
 */
@Component
public class DeskCoverage {

    private final Rosters rosters;

    public DeskCoverage(Rosters rosters) {
        this.rosters = rosters;
    }

    /** The local moment nobody is on duty for this ticket, or empty when someone is (or nothing is checked). */
    public Optional<Instant> unstaffedAt(String tenant, Site site, Instant timingStart) {
        if (timingStart == null) {
            return Optional.empty();
        }
        var roster = rosters.current(tenant, site);
        if (roster == null) {
            return Optional.empty();
        }
        var at = new SiteCalendar(site).deskOpenFrom(timingStart);
        var local = at.atZone(site.zone());
        return roster.onDuty(local.getDayOfWeek(), local.toLocalTime()).isEmpty() ? Optional.of(at) : Optional.empty();
    }
}

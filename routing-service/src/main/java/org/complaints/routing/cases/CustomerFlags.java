package org.complaints.routing.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeSet;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.delivery.Delivery;

/**
 * CL-23 customer flags on a case and what the tenant's policy makes each set off (ADR 0501): a
 * banner on the case view, a raised level (CL-02.3), a task (ESC-01 brand PR, ESC-09 assistance),
 * immediate alerts (ESC-09: site manager and security), PR approval of written statements (CM-15).
 * The owner stays the same: handling continues (scenario 24).
 */
final class CustomerFlags {

    static final String VIOLENCE_RISK = "VIOLENCE_RISK";

    private CustomerFlags() {}

    /** A flag raised by a step: unknown to the tenant's policy is 422; already set changes nothing. */
    static void raise(Case c, String flag, String by, String reason, Instant now, CaseClocks rules) {
        var rule = rules.policy().flags().get(flag);
        if (rule == null) {
            throw CaseRefusal.invalid(
                    "flag",
                    "is not a flag this tenant acts on: " + flag + " (known: "
                            + new TreeSet<>(rules.policy().flags().keySet()) + ")");
        }
        if (!c.flagged(flag)) {
            apply(c, flag, rule, by, reason, now, rules);
        }
    }

    /**
     * ESC-09 / CM-14: the "safety alert" button. Flags VIOLENCE_RISK (with everything the flag sets
     * off) the first time; every later press alerts the same people again.
     */
    static void safetyAlert(Case c, String by, String note, Instant now, CaseClocks rules) {
        var rule = rules.policy().flags().get(VIOLENCE_RISK);
        if (rule == null) {
            throw CaseRefusal.invalid("flag", "this tenant has no safety alert (flags.VIOLENCE_RISK) configured");
        }
        if (c.flagged(VIOLENCE_RISK)) {
            alert(c, by, note, rule, now);
        } else {
            apply(c, VIOLENCE_RISK, rule, by, note, now, rules);
        }
    }

    /** The flags a complaint was filed with: their effects from the start. */
    static void atOpening(Case c, CaseClocks rules, Instant now) {
        for (var flag : new ArrayList<>(c.flags)) {
            var rule = rules.policy().flags().get(flag);
            if (rule != null) {
                apply(c, flag, rule, c.receiver, null, now, rules);
            }
        }
    }

    private static void apply(
            Case c, String flag, RoutingPolicy.FlagRule rule, String by, String note, Instant now, CaseClocks rules) {
        if (!c.flagged(flag)) {
            var flags = new ArrayList<>(c.flags);
            flags.add(flag);
            c.flags = flags;
        }
        if (rule.banner() != null && c.banners.stream().noneMatch(b -> b.flag().equals(flag))) {
            var banners = new ArrayList<>(c.banners);
            banners.add(new Case.Banner(flag, rule.rule(), rule.banner()));
            c.banners = banners;
        }
        if (rule.minLevel() != null) {
            rules.raise(c, Level.valueOf(rule.minLevel()), rule.rule(), null, "customer flagged " + flag, now, null);
        }
        if (rule.task() != null) {
            rules.openTask(c, rule.task(), now);
        }
        if (!rule.alert().isEmpty()) {
            alert(c, by, note, rule, now);
        }
    }

    /** One alert: recorded on the case and owed to each recipient as a notification in the same write. */
    private static void alert(Case c, String by, String note, RoutingPolicy.FlagRule rule, Instant now) {
        var id = "safety:" + c.id + ":" + (c.safetyAlerts.size() + 1);
        var alerts = new ArrayList<>(c.safetyAlerts);
        alerts.add(new Case.SafetyAlert(id, by, note, rule.alert(), now));
        c.safetyAlerts = alerts;
        c.addDelivery(new Delivery(id, Case.SAFETY_ALERT_NOTICE, now, 0, null));
    }
}

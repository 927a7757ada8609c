package org.complaints.intake.classification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.complaints.intake.policy.IntakePolicy;

/**
 * CP-17 / OT-04: the attention priority of a complaint, 1 (lowest) to the preset's maximum. It
 * starts at the level's rank and rises by the largest raise the preset gives the customer's flags
 * (VIP, high influence) or value grade (大客户/优质客户/VIP); the level, and so every SLA clock, stays
 * as CL-02 set it. Plain Java; the reasons say why.
 */
public final class Priority {

    public record Assessment(int priority, List<String> reasons) {}

    private Priority() {}

    public static Assessment assess(
            Level level, Collection<String> flags, String valueGrade, IntakePolicy.PriorityRules rules) {
        var base = level.ordinal() + 1;
        var raise = 0;
        var reasons = new ArrayList<String>();
        for (var flag : flags) {
            var by = rules.flags().getOrDefault(flag, 0);
            if (by > 0) {
                reasons.add("OT-04 customer flag " + flag + " +" + by);
                raise = Math.max(raise, by);
            }
        }
        var byGrade = valueGrade == null ? 0 : rules.valueGrades().getOrDefault(valueGrade, 0);
        if (byGrade > 0) {
            reasons.add("OT-04 value grade " + valueGrade + " +" + byGrade);
            raise = Math.max(raise, byGrade);
        }
        var priority = Math.min(rules.max(), base + raise);
        var all = new ArrayList<String>();
        all.add("level " + level + " → " + base);
        all.addAll(reasons);
        return new Assessment(priority, all);
    }
}

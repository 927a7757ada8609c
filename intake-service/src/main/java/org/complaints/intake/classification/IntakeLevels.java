package org.complaints.intake.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sets the intake level (CL-02) on the canonical scale (CL-01) and keeps the reasons, so a reader
 * can see why a complaint is MAJOR. Plain Java: the thresholds come from the tenant's preset.
 */
public final class IntakeLevels {

    public record Facts(
            Set<Circumstance> circumstances,
            boolean externalChannel,
            boolean compensationDemanded,
            int urgingCallsWithinHour) {}

    public record Assessment(Level level, List<String> reasons) {}

    private IntakeLevels() {}

    public static Assessment assess(Facts facts, int urgingCallsThreshold) {
        return assess(facts, urgingCallsThreshold, true);
    }

    /**
     * @param externalChannelIsLevel true where an external channel is a level of its own (CL-01
     *     CHANNEL, retail V); false where external-channel complaints are general or major by their
     *     facts (dealer C4, LC-03): then only the CL-02 criteria decide, as for any other channel
     */
    public static Assessment assess(Facts facts, int urgingCallsThreshold, boolean externalChannelIsLevel) {
        var reasons = new ArrayList<String>();
        var c = facts.circumstances();
        if (facts.externalChannel() && externalChannelIsLevel) {
            reasons.add("CL-01/ESC-03 external channel");
            return new Assessment(Level.CHANNEL, reasons);
        }
        var assessed = assessFacts(facts, urgingCallsThreshold, c, reasons);
        if (facts.externalChannel()) {
            var withChannel = new ArrayList<>(assessed.reasons());
            withChannel.add("LC-03 external channel (C4) classified by its facts");
            return new Assessment(assessed.level(), withChannel);
        }
        return assessed;
    }

    private static Assessment assessFacts(
            Facts facts, int urgingCallsThreshold, Set<Circumstance> c, List<String> reasons) {
        check(c, Circumstance.PERSONAL_INJURY, "CL-02.1 personal injury", reasons);
        check(c, Circumstance.PROPERTY_DAMAGE, "CL-02.1 property damage", reasons);
        check(c, Circumstance.FINANCIAL_LOSS, "CL-02.1 financial damage", reasons);
        check(c, Circumstance.SERIOUS_SERVICE_VIOLATION, "CL-02.2 serious service violation", reasons);
        check(c, Circumstance.EXTERNAL_PARTY_INVOLVED, "CL-02.3 media/association/regulator/court involved", reasons);
        check(c, Circumstance.EXTERNAL_PARTY_THREATENED, "CL-02.3 media/authorities threatened", reasons);
        check(c, Circumstance.CHANNEL_COMPLAINT_RISK, "CL-02.3 channel-complaint risk", reasons);
        check(c, Circumstance.LEGAL_RISK, "CL-02.4 legal-dispute risk", reasons);
        check(c, Circumstance.GROUP_COMPLAINT, "CL-02.5 group complaint", reasons);
        check(c, Circumstance.IRREVERSIBLE_LOSS, "CL-02.6 irreversible loss", reasons);
        if (!reasons.isEmpty()) {
            return new Assessment(Level.MAJOR, reasons);
        }
        if (facts.compensationDemanded()) {
            reasons.add("CL-02 urgent: compensation demanded");
        }
        check(c, Circumstance.DEADLINE_DEMANDED, "CL-02 urgent: deadline demanded", reasons);
        if (facts.urgingCallsWithinHour() >= urgingCallsThreshold) {
            reasons.add("CL-02 urgent: " + facts.urgingCallsWithinHour() + " calls within one hour");
        }
        if (!reasons.isEmpty()) {
            return new Assessment(Level.URGENT, reasons);
        }
        if (c.contains(Circumstance.SERVICE_NEED_ONLY)) {
            return new Assessment(Level.SERVICE_REQUEST, List.of("CL-02 service need only"));
        }
        return new Assessment(Level.GENERAL, List.of("CL-02 default"));
    }

    private static void check(Set<Circumstance> present, Circumstance c, String reason, List<String> reasons) {
        if (present.contains(c)) {
            reasons.add(reason);
        }
    }
}

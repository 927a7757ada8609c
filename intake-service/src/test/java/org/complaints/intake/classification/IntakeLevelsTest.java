package org.complaints.intake.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CL-01 / CL-02: the intake level on the canonical scale, one criterion at a time. */
class IntakeLevelsTest {

    @ParameterizedTest(name = "CL-02 major criterion {0}")
    @EnumSource(
            value = Circumstance.class,
            names = {
                "PERSONAL_INJURY", "PROPERTY_DAMAGE", "FINANCIAL_LOSS", "SERIOUS_SERVICE_VIOLATION",
                        "EXTERNAL_PARTY_INVOLVED",
                "EXTERNAL_PARTY_THREATENED", "CHANNEL_COMPLAINT_RISK", "LEGAL_RISK", "GROUP_COMPLAINT",
                        "IRREVERSIBLE_LOSS"
            })
    void eachMajorCriterionAloneMakesAComplaintMajor(Circumstance circumstance) {
        var assessed = assess(EnumSet.of(circumstance), false, false, 0);
        assertThat(assessed.level()).isEqualTo(Level.MAJOR);
        assertThat(assessed.reasons()).singleElement().asString().startsWith("CL-02.");
    }

    @Test
    @DisplayName("CL-02 urgent: a compensation demand makes it URGENT (retail III)")
    void compensationDemandIsUrgent() {
        assertThat(assess(Set.of(), false, true, 0).level()).isEqualTo(Level.URGENT);
    }

    @Test
    @DisplayName("CL-02 urgent: a demanded deadline makes it URGENT")
    void deadlineDemandIsUrgent() {
        assertThat(assess(EnumSet.of(Circumstance.DEADLINE_DEMANDED), false, false, 0)
                        .level())
                .isEqualTo(Level.URGENT);
    }

    @Test
    @DisplayName("CL-02 / SLA-G6: the second urging call within an hour makes it URGENT; the first does not")
    void repeatedCallsWithinAnHourAreUrgent() {
        assertThat(assess(Set.of(), false, false, 1).level()).isEqualTo(Level.GENERAL);
        assertThat(assess(Set.of(), false, false, 2).level()).isEqualTo(Level.URGENT);
    }

    @Test
    @DisplayName("CL-01 / ESC-03: an external channel (court, media, letter to executives) is CHANNEL, above MAJOR")
    void externalChannelIsChannelLevel() {
        var assessed = assess(EnumSet.of(Circumstance.PERSONAL_INJURY), true, true, 5);
        assertThat(assessed.level()).isEqualTo(Level.CHANNEL);
        assertThat(Level.CHANNEL).isGreaterThan(Level.MAJOR);
    }

    @Test
    @DisplayName("CL-02: a pure service need with no dissatisfaction is a SERVICE_REQUEST (retail I)")
    void serviceNeedOnlyIsAServiceRequest() {
        assertThat(assess(EnumSet.of(Circumstance.SERVICE_NEED_ONLY), false, false, 0)
                        .level())
                .isEqualTo(Level.SERVICE_REQUEST);
    }

    @Test
    @DisplayName("CL-02: major criteria outrank urgent ones, and everything else is GENERAL")
    void majorOutranksUrgentAndDefaultIsGeneral() {
        assertThat(assess(EnumSet.of(Circumstance.PROPERTY_DAMAGE, Circumstance.DEADLINE_DEMANDED), false, true, 3)
                        .level())
                .isEqualTo(Level.MAJOR);
        assertThat(assess(Set.of(), false, false, 0).level()).isEqualTo(Level.GENERAL);
    }

    @Test
    @DisplayName("CL-03: atLeast never lowers")
    void atLeastNeverLowers() {
        assertThat(Level.MAJOR.atLeast(Level.GENERAL)).isEqualTo(Level.MAJOR);
        assertThat(Level.SERVICE_REQUEST.atLeast(Level.GENERAL)).isEqualTo(Level.GENERAL);
    }

    private static IntakeLevels.Assessment assess(
            Set<Circumstance> c, boolean external, boolean compensation, int calls) {
        var set = c.isEmpty() ? EnumSet.noneOf(Circumstance.class) : EnumSet.copyOf(c);
        return IntakeLevels.assess(new IntakeLevels.Facts(set, external, compensation, calls), 2);
    }

    @Test
    @DisplayName("LC-03 / CL-01: where external channels are classified by facts, a general C4 complaint is GENERAL")
    void externalChannelByFactsIsGeneralWithoutMajorFacts() {
        var assessed = IntakeLevels.assess(new IntakeLevels.Facts(Set.of(), true, false, 0), 2, false);
        assertThat(assessed.level()).isEqualTo(Level.GENERAL);
        assertThat(assessed.reasons()).anyMatch(r -> r.startsWith("LC-03"));
    }

    @Test
    @DisplayName(
            "LC-03 / CL-02: a C4 complaint with a major fact (injury) is MAJOR, not CHANNEL, where classified by facts")
    void externalChannelByFactsIsMajorWithAMajorFact() {
        var assessed = IntakeLevels.assess(
                new IntakeLevels.Facts(Set.of(Circumstance.PERSONAL_INJURY), true, false, 0), 2, false);
        assertThat(assessed.level()).isEqualTo(Level.MAJOR);
    }

    @Test
    @DisplayName("CL-01: where the external channel is a level of its own (retail V), it stays CHANNEL")
    void externalChannelAsLevelStaysChannel() {
        assertThat(IntakeLevels.assess(new IntakeLevels.Facts(Set.of(), true, false, 0), 2, true)
                        .level())
                .isEqualTo(Level.CHANNEL);
    }
}

package org.complaints.intake.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tenant's intake rules, from this service's {@code presets/<preset>.yml} with the tenant's
 * {@code overrides.intake} merged over it.
 *
 * @param channels accepted channels and their rules (LC-03, LC-04, LC-30)
 * @param levelNames the preset's own name for each canonical level (CL-01)
 * @param levelFloor the lowest canonical level the preset uses (dealer has no service requests)
 * @param urgingCallsThreshold calls within one hour that make a complaint urgent (CL-02, SLA-G6)
 * @param supervisorRoles roles that may lower a level below the computed one
 * @param validityRoles roles that may declare a complaint not established (LC-31)
 * @param legalHoldRoles roles that may set or lift a legal hold (LC-12)
 * @param repeatWindow earlier complaints of the same customer within this window make a repeat (OT-03)
 * @param repeatThreshold complaints in the window (including this one) that flag a repeat complainant
 * @param receivedAtMaxAge how far back a caller may date a complaint's {@code receivedAt} (ADR 0103)
 * @param receivedAtClockSkew how far ahead of this server's clock a {@code receivedAt} may lie
 * @param externalChannelLevel {@code CHANNEL}: an external-channel complaint is level CHANNEL
 *     (retail level V, CH-03); {@code BY_FACTS}: it is classified by the CL-02 facts like any other
 *     (dealer C4 carries general and major complaints, LC-03)
 */
public record IntakePolicy(
        Map<String, ChannelRule> channels,
        Map<String, String> levelNames,
        String levelFloor,
        int urgingCallsThreshold,
        List<String> supervisorRoles,
        List<String> validityRoles,
        List<String> legalHoldRoles,
        Duration repeatWindow,
        int repeatThreshold,
        Duration receivedAtMaxAge,
        Duration receivedAtClockSkew,
        ExternalChannelLevel externalChannelLevel) {

    public enum ExternalChannelLevel {
        CHANNEL,
        BY_FACTS
    }

    public IntakePolicy {
        receivedAtMaxAge = receivedAtMaxAge == null ? Duration.ofDays(30) : receivedAtMaxAge;
        receivedAtClockSkew = receivedAtClockSkew == null ? Duration.ofMinutes(2) : receivedAtClockSkew;
        externalChannelLevel = externalChannelLevel == null ? ExternalChannelLevel.CHANNEL : externalChannelLevel;
    }

    /**
     * @param recorderRoles staff roles allowed to record this channel (empty = any); partners
     *     (systems) may file any accepted channel unless {@code partnerAllowed} is false
     * @param mandatory fields that must be present for this channel
     */
    public record ChannelRule(List<String> recorderRoles, Boolean partnerAllowed, List<String> mandatory) {
        public ChannelRule {
            recorderRoles = recorderRoles == null ? List.of() : recorderRoles;
            partnerAllowed = partnerAllowed == null || partnerAllowed;
            mandatory = mandatory == null ? List.of() : mandatory;
        }
    }
}

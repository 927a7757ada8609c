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
 * @param permissions the preset's permission table: every intake action → the roles allowed
 *     ({@link IntakeAction}; enforced by {@link IntakePermissions}, published in
 *     {@code docs/permissions-intake.md}); filing per channel is {@code channels.*.recorderRoles}
 * @param promises who supervises a promise's owner (OT-20/21: a broken promise alerts them)
 * @param repeatWindow earlier complaints of the same customer within this window make a repeat (OT-03)
 * @param repeatThreshold complaints in the window (including this one) that flag a repeat complainant
 * @param receivedAtMaxAge how far back a caller may date a complaint's {@code receivedAt} (ADR 0103)
 * @param receivedAtClockSkew how far ahead of this server's clock a {@code receivedAt} may lie
 * @param externalChannelLevel {@code CHANNEL}: an external-channel complaint is level CHANNEL
 *     (retail level V, CH-03); {@code BY_FACTS}: it is classified by the CL-02 facts like any other
 *     (dealer C4 carries general and major complaints, LC-03)
 * @param priority CP-17 / OT-04: how customer flags and value grades raise the attention priority
 */
public record IntakePolicy(
        Map<String, ChannelRule> channels,
        Map<String, String> levelNames,
        String levelFloor,
        int urgingCallsThreshold,
        Map<IntakeAction, List<String>> permissions,
        PromiseRules promises,
        Duration repeatWindow,
        int repeatThreshold,
        Duration receivedAtMaxAge,
        Duration receivedAtClockSkew,
        ExternalChannelLevel externalChannelLevel,
        PriorityRules priority) {

    public enum ExternalChannelLevel {
        CHANNEL,
        BY_FACTS
    }

    public IntakePolicy {
        receivedAtMaxAge = receivedAtMaxAge == null ? Duration.ofDays(30) : receivedAtMaxAge;
        receivedAtClockSkew = receivedAtClockSkew == null ? Duration.ofMinutes(2) : receivedAtClockSkew;
        externalChannelLevel = externalChannelLevel == null ? ExternalChannelLevel.CHANNEL : externalChannelLevel;
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
        promises = promises == null ? new PromiseRules(Map.of(), null) : promises;
        priority = priority == null ? new PriorityRules(Map.of(), Map.of(), 5) : priority;
    }

    /**
     * CP-17 / OT-04: the attention priority starts at the level's rank (1 service request … 5
     * channel) and rises by the largest raise among the customer's flags and value grade, capped at
     * {@code max}. It orders attention (work lists, the case view), never the SLA clocks.
     *
     * @param flags customer flag → raise (e.g. {@code VIP: 1}, {@code HIGH_INFLUENCE: 1})
     * @param valueGrades the customer's value grade (OT-04 annual rating: 大客户, 优质客户, VIP) → raise
     */
    public record PriorityRules(Map<String, Integer> flags, Map<String, Integer> valueGrades, int max) {
        public PriorityRules {
            flags = flags == null ? Map.of() : Map.copyOf(flags);
            valueGrades = valueGrades == null ? Map.of() : Map.copyOf(valueGrades);
            max = max <= 0 ? 5 : max;
        }
    }

    /** The roles allowed to take an action; none listed = nobody but the services themselves. */
    public List<String> allowed(IntakeAction action) {
        return permissions.getOrDefault(action, List.of());
    }

    /**
     * @param supervisors the owner's role → the role that supervises it (service-advisor →
     *     service-director, service-desk → cs-supervisor, ...)
     * @param defaultSupervisor the supervising role when the owner's role is not listed or unknown
     */
    public record PromiseRules(Map<String, String> supervisors, String defaultSupervisor) {
        public PromiseRules {
            supervisors = supervisors == null ? Map.of() : Map.copyOf(supervisors);
        }

        /** The first of the owner's roles that has a supervisor, else the default. */
        public String supervisorOf(java.util.Collection<String> ownerRoles) {
            return ownerRoles.stream()
                    .sorted()
                    .map(supervisors::get)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(defaultSupervisor);
        }
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

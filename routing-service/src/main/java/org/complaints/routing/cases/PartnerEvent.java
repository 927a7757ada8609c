package org.complaints.routing.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events of a case's life that partners can subscribe to (ADR 0260), by their wire name. Each
 * is numbered per case ({@link Case.PublishedEvent#sequence}) in the write that records it.
 */
public enum PartnerEvent {
    COMPLAINT_RECEIVED("complaint.received"),
    CASE_ROUTED("case.routed"),
    STATE_CHANGED("case.state_changed"),
    LEVEL_RAISED("case.level_raised"),
    SLA_AT_RISK("sla.at_risk"),
    SLA_BREACHED("sla.breached"),
    TASK_OVERDUE("task.overdue"),
    COMPENSATION_DECIDED("compensation.decided"),
    FOLLOW_UP_DUE("follow_up.due"),
    FOLLOW_UP_OUTCOME("follow_up.outcome"),
    CASE_CLOSED("case.closed"),
    CASE_REOPENED("case.reopened"),
    PROMISE_BROKEN("promise.broken");

    private final String wire;

    PartnerEvent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<PartnerEvent> ofWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wire.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(PartnerEvent::wire).toList();
    }
}

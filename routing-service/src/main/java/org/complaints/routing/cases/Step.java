package org.complaints.routing.cases;

import java.util.List;
import java.util.Map;

/**
 * Everything a step may carry; each action reads what it needs. {@code acknowledged} names the
 * earlier complaints' open promises and agreements a solution proposal has taken into account
 * (OT-02, ADR 0122). {@code letter} is a CM-16 reply letter, {@code flag} a CL-23 customer flag,
 * {@code confirmed} whether the customer confirmed a paraphrase (CM-03), {@code messageId} and
 * {@code decision} a PR decision on a written statement (CM-15).
 */
public record Step(
        String reason,
        String note,
        String channel,
        String domain,
        String department,
        String person,
        String level,
        String text,
        String to,
        Case.Resolution resolution,
        Long expectedVersion,
        Map<String, Object> data,
        List<String> acknowledged,
        Case.Letter letter,
        String flag,
        Boolean confirmed,
        String messageId,
        String decision) {

    public Step(
            String reason,
            String note,
            String channel,
            String domain,
            String department,
            String person,
            String level,
            String text,
            String to,
            Case.Resolution resolution,
            Long expectedVersion,
            Map<String, Object> data,
            List<String> acknowledged) {
        this(
                reason,
                note,
                channel,
                domain,
                department,
                person,
                level,
                text,
                to,
                resolution,
                expectedVersion,
                data,
                acknowledged,
                null,
                null,
                null,
                null,
                null);
    }

    public Step(
            String reason,
            String note,
            String channel,
            String domain,
            String department,
            String person,
            String level,
            String text,
            String to,
            Case.Resolution resolution,
            Long expectedVersion,
            Map<String, Object> data) {
        this(
                reason,
                note,
                channel,
                domain,
                department,
                person,
                level,
                text,
                to,
                resolution,
                expectedVersion,
                data,
                null);
    }

    public static Step empty() {
        return new Step(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Step because(String reason) {
        return new Step(reason, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Step event(String reason, Map<String, Object> data) {
        return new Step(reason, null, null, null, null, null, null, null, null, null, null, data);
    }

    public Step withVersion(Long version) {
        return new Step(
                reason,
                note,
                channel,
                domain,
                department,
                person,
                level,
                text,
                to,
                resolution,
                version,
                data,
                acknowledged,
                letter,
                flag,
                confirmed,
                messageId,
                decision);
    }

    List<String> acknowledgedOrEmpty() {
        return acknowledged == null ? List.of() : acknowledged;
    }

    Object datum(String key) {
        return data == null ? null : data.get(key);
    }
}

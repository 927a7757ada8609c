package org.complaints.support.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a resource's effects on other services stand (issue 13, ADR 0285): read from the outbox
 * the resource carries ({@link Delivery}), so an answer says, in the same document it returns,
 * which of its effects are still on their way. {@code PENDING} until every receiver has
 * acknowledged; {@code PARKED} when one was refused for good and waits for an operator;
 * {@code COMPLETE} once all have landed.
 */
@Schema(
        name = "Propagation",
        description = "Effects of this resource on other resources, delivered asynchronously (seconds). Poll this"
                + " resource until status is COMPLETE, then the resources named in awaiting show the effect.")
public record Propagation(
        @Schema(
                allowableValues = {"COMPLETE", "PENDING", "PARKED"},
                example = "PENDING")
        String status,

        @Schema(description = "The resources still to show an effect of this one", example = "[\"case\"]")
        List<String> awaiting) {

    public static final String COMPLETE = "COMPLETE";
    public static final String PENDING = "PENDING";
    public static final String PARKED = "PARKED";

    /**
     * @param effects the delivery kinds that change another resource, each with that resource's
     *     name ({@code case}, {@code complaint}, {@code follow-ups}); kinds not named (notices,
     *     notifications) are not effects a reader waits for
     */
    public static Propagation of(List<Delivery> deliveries, Map<String, String> effects) {
        var owed = deliveries == null
                ? List.<Delivery>of()
                : deliveries.stream().filter(d -> effects.containsKey(d.kind())).toList();
        var awaiting = owed.stream()
                .map(d -> effects.get(d.kind()))
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
        if (owed.isEmpty()) {
            return new Propagation(COMPLETE, List.of());
        }
        var parked = owed.stream().anyMatch(d -> d.parkedAt() != null);
        return new Propagation(parked ? PARKED : PENDING, awaiting);
    }
}

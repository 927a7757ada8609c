package org.complaints.routing.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.Tasks;
import org.complaints.support.store.DocumentIds;
import org.springframework.stereotype.Component;

/**
 * RT-06 / SLA-X1 / OT-10: when the tenant's threshold of complaints on the same product (or batch,
 * VIN, order) at one site arrives within the window, they form an incident with a special team
 * within 1 h, a temporary solution within 4 h and the effect verified within 24 h, each a task of
 * the preset's owner counted from the complaint that reached the threshold. The case side
 * (raising every linked case and re-planning its clocks) is the case service's.
 */
@Component
public class GroupComplaints {

    /** A case already received on the same product and site within the window. */
    public record Member(String caseId, String incidentId) {}

    private final IncidentRepository incidents;

    public GroupComplaints(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    /** The incident the new case belongs to, opened when the threshold is reached; empty below it. */
    public Optional<String> join(
            String tenant,
            String site,
            String productRef,
            String caseId,
            Instant receivedAt,
            List<Member> earlier,
            RoutingPolicy.GroupComplaint rule) {
        if (rule == null || earlier.size() + 1 < rule.threshold()) {
            return Optional.empty();
        }
        var incidentId = earlier.stream()
                .map(Member::incidentId)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(() -> open(tenant, site, productRef, rule, receivedAt).id);
        incidents.addCases(
                incidentId,
                Stream.concat(earlier.stream().map(Member::caseId), Stream.of(caseId))
                        .toList());
        return Optional.of(incidentId);
    }

    private Incident open(
            String tenant, String site, String productRef, RoutingPolicy.GroupComplaint rule, Instant at) {
        var incident = new Incident();
        incident.id = DocumentIds.next();
        incident.tenant = tenant;
        incident.site = site;
        incident.productRef = productRef;
        incident.openedAt = at;
        incident.tasks = rule.tasks().stream()
                .map(t -> Task.open(t.name(), t.rule(), t.owner(), at, at.plus(t.after())))
                .toList();
        incident.nextDueAt = Tasks.nextDue(incident.tasks);
        return incidents.insert(incident);
    }
}

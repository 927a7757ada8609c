package org.complaints.routing.cases;

import java.time.Instant;
import java.util.ArrayList;
import org.complaints.routing.policy.RoutingPolicy;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * RT-06 / SLA-X1 / OT-10: when the tenant's threshold of complaints on the same product (or batch,
 * VIN, order) at one site arrives within the window, they form an incident: a special team within
 * 1 h, a temporary solution within 4 h, the effect verified within 24 h, and every linked case is
 * raised to at least the policy's level. Found through the (tenant, site, productRef, receivedAt)
 * index.
 */
@Component
class GroupComplaints {

    private final MongoTemplate mongo;
    private final IncidentRepository incidents;

    GroupComplaints(MongoTemplate mongo, IncidentRepository incidents) {
        this.mongo = mongo;
        this.incidents = incidents;
    }

    /** Called while opening {@code c}, before it is stored. */
    void join(Case c, RoutingPolicy policy) {
        var rule = policy.groupComplaint();
        if (rule == null || c.productRef == null || c.productRef.isBlank()) {
            return;
        }
        var since = c.receivedAt.minus(rule.window());
        var query = new Query(Criteria.where("tenant")
                .is(c.tenant)
                .and("site")
                .is(c.site)
                .and("productRef")
                .is(c.productRef)
                .and("receivedAt")
                .gte(since));
        query.fields().include("_id", "incidentId");
        var earlier = mongo.find(query, Case.class);
        if (earlier.size() + 1 < rule.threshold()) {
            return;
        }
        var incidentId = earlier.stream()
                .map(k -> k.incidentId)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseGet(() -> open(c, rule, c.receivedAt).id);
        var minimum = Level.valueOf(rule.minLevel());
        c.incidentId = incidentId;
        if (!c.level().atLeast(minimum)) {
            var escalations = new ArrayList<>(c.escalations);
            escalations.add(new Case.Escalation(
                    "RT-06",
                    "LEVEL_RAISE",
                    null,
                    c.level,
                    minimum.name(),
                    null,
                    "group complaint " + incidentId,
                    c.receivedAt));
            c.escalations = escalations;
            c.level = minimum.name();
        }
        var ids = earlier.stream().map(Case::id).toList();
        mongo.updateMulti(
                new Query(Criteria.where("_id").in(ids)), new Update().set("incidentId", incidentId), Case.class);
        raiseLinked(ids, minimum, incidentId, c.receivedAt);
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(incidentId)),
                new Update()
                        .addToSet("caseIds")
                        .each(new ArrayList<>(
                                java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(c.id))
                                        .toList())),
                Incident.class);
    }

    /** Raises each earlier linked case below the minimum, one version-checked save each (never lowers, CL-03). */
    private void raiseLinked(java.util.List<String> ids, Level minimum, String incidentId, Instant at) {
        for (var id : ids) {
            var k = mongo.findById(id, Case.class);
            if (k != null && !k.level().atLeast(minimum)) {
                var escalations = new ArrayList<>(k.escalations);
                escalations.add(new Case.Escalation(
                        "RT-06",
                        "LEVEL_RAISE",
                        null,
                        k.level,
                        minimum.name(),
                        null,
                        "group complaint " + incidentId,
                        at));
                k.escalations = escalations;
                k.level = minimum.name();
                try {
                    mongo.save(k);
                } catch (org.springframework.dao.OptimisticLockingFailureException ignored) {
                    // changed concurrently; the next open in the incident raises it again
                }
            }
        }
    }

    private Incident open(Case c, RoutingPolicy.GroupComplaint rule, Instant at) {
        var incident = new Incident();
        incident.id = java.util.UUID.randomUUID().toString();
        incident.tenant = c.tenant;
        incident.site = c.site;
        incident.productRef = c.productRef;
        incident.openedAt = at;
        incident.tasks = rule.tasks().stream()
                .map(t -> new Incident.Task(t.name(), t.rule(), at.plus(t.after()), "OPEN"))
                .toList();
        return incidents.insert(incident);
    }
}

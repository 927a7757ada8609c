package org.complaints.routing.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.support.tenant.TenantPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires due deadlines. It reads only cases whose {@code nextDueAt} has passed, through that field's
 * index, so its cost follows the number of due cases, not the history. A MongoDB lock (ShedLock)
 * lets one replica sweep at a time, and each case is saved with its version, so even two sweepers
 * racing escalate a deadline exactly once: the loser's save fails and it moves on.
 */
@Component
public class DeadlineSweep {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);
    static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final CaseService service;
    private final TenantPolicies<RoutingPolicy> policies;
    private final RoutingMetrics metrics;
    private final Clock clock;

    DeadlineSweep(
            MongoTemplate mongo,
            CaseService service,
            TenantPolicies<RoutingPolicy> policies,
            RoutingMetrics metrics,
            Clock clock) {
        this.mongo = mongo;
        this.service = service;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.sweep.interval:PT15S}",
            initialDelayString = "${complaints.sweep.initial-delay:PT5S}")
    @SchedulerLock(name = "deadline-sweep", lockAtMostFor = "PT5M")
    public void scheduled() {
        metrics.sweepTimer().record(() -> sweep());
        refreshOpenCases();
    }

    /** Processes every case due now, in batches; returns how many cases changed. */
    public int sweep() {
        var now = clock.instant();
        var changed = 0;
        var oldest = java.util.Optional.<java.time.Instant>empty();
        for (var round = 0; round < 100; round++) {
            var due = mongo.find(dueQuery(now), Case.class);
            if (oldest.isEmpty() && !due.isEmpty()) {
                oldest = java.util.Optional.of(due.getFirst().nextDueAt);
            }
            var progressed = 0;
            for (var c : due) {
                if (process(c, now) && (c.nextDueAt == null || c.nextDueAt.isAfter(now))) {
                    changed++;
                    progressed++;
                }
            }
            if (due.size() < BATCH || progressed == 0) {
                break;
            }
        }
        metrics.sweepLag(oldest.map(t -> Duration.between(t, now).toSeconds()).orElse(0L));
        return changed;
    }

    static Query dueQuery(java.time.Instant now) {
        return new Query(Criteria.where("nextDueAt").lte(now))
                .with(Sort.by("nextDueAt"))
                .limit(BATCH);
    }

    private boolean process(Case c, java.time.Instant now) {
        var policy = policies.of(c.tenant);
        var clocks = service.clocks(c, policy, service.site(c.tenant, c.site));
        clocks.fire(c, now);
        service.sideRoutes(c, policy);
        try {
            mongo.save(c);
            return true;
        } catch (OptimisticLockingFailureException raced) {
            log.debug("case changed while sweeping; the other writer's version stands");
            return false;
        }
    }

    /** The open-cases gauge from one grouped count, not a scan per scrape. */
    void refreshOpenCases() {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(
                        Criteria.where("state").nin(State.CLOSED.name(), State.CLOSED_NOT_ESTABLISHED.name())),
                Aggregation.group("tenant", "level").count().as("count"));
        var counts = new HashMap<String, Map<String, Long>>();
        for (var row : mongo.aggregate(aggregation, Case.class, org.bson.Document.class)) {
            var id = (org.bson.Document) row.get("_id");
            counts.computeIfAbsent(id.getString("tenant"), k -> new HashMap<>())
                    .put(id.getString("level"), ((Number) row.get("count")).longValue());
        }
        metrics.openCases(counts);
    }
}

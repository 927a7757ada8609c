package org.complaints.routing.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A group complaint (RT-06): the linked cases and the 1 h / 4 h / 24 h rapid-response tasks (SLA-X1). */
@Document("incidents")
@CompoundIndex(name = "tenant_opened", def = "{'tenant': 1, 'openedAt': -1}")
public class Incident {

    public record Task(String task, String rule, Instant dueAt, String status) {}

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String site;
    String productRef;
    Instant openedAt;
    List<String> caseIds = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();

    public String id() {
        return id;
    }

    public List<String> caseIds() {
        return List.copyOf(caseIds);
    }

    IncidentView view() {
        return new IncidentView(id, site, productRef, openedAt, caseIds, tasks);
    }

    /** A group complaint as callers see it. */
    public record IncidentView(
            String incidentId,
            String site,
            String productRef,
            Instant openedAt,
            List<String> caseIds,
            List<Task> tasks) {}
}

package org.complaints.routing.incidents;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The store of incidents, one repository for the aggregate. */
public interface IncidentRepository {

    Optional<Incident> findByIdAndTenant(String id, String tenant);

    Incident insert(Incident incident);

    /** Adds case ids to the incident (a set: each once), as one atomic update. */
    void addCases(String incidentId, Collection<String> caseIds);

    List<Incident> latest(String tenant, int limit);
}

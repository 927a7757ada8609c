package org.complaints.routing.incidents;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.complaints.support.due.DuePass;

/**
 * The store of incidents, one repository for the aggregate. {@link #save} is version-checked (a
 * racing writer loses with {@code OptimisticLockingFailureException}); {@link #addCases} counts as a
 * write too, so a save from an older copy cannot drop a case added meanwhile.
 */
public interface IncidentRepository {

    Optional<Incident> findById(String id);

    Optional<Incident> findByIdAndTenant(String id, String tenant);

    Incident insert(Incident incident);

    Incident save(Incident incident);

    /** Adds case ids to the incident (a set: each once), as one atomic update. */
    void addCases(String incidentId, Collection<String> caseIds);

    List<Incident> latest(String tenant, int limit);

    /** Incidents with a task due at {@code now}, earliest first (by {@code nextDueAt} alone). */
    List<Incident> findDue(Instant now, int limit);

    /** Ids of incidents that may be due at {@code now}, earliest first: by due-minute buckets or the index (ADR 0023). */
    DuePass duePass(Instant now, int max);

    /** The incidents among {@code ids} still due at {@code now}, earliest due first. */
    List<Incident> dueAmong(Collection<String> ids, Instant now);

    /** Moves an incident the sweep cannot process behind the others; a later save recomputes it. */
    void postpone(String id, Instant until);

    /**
     * The tenant's incidents (at the given sites; empty = all) holding a task of one of
     * {@code owners} in one of {@code statuses}, due in [{@code from}, {@code dueBefore}) (null =
     * unbounded), for the work list.
     */
    List<Incident> withTasks(
            String tenant,
            Collection<String> sites,
            Collection<String> owners,
            Collection<String> statuses,
            Instant from,
            Instant dueBefore);
}

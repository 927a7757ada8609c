package org.complaints.routing.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaints.support.due.DuePass;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;

/**
 * The store of cases, the only way in or out of the {@code cases} collection for the application
 * services and the sweep. {@link #save} is version-checked (a racing writer loses with
 * {@code OptimisticLockingFailureException}); {@link #insert} refuses a second case of the same
 * complaint with {@code DuplicateKeyException}.
 */
public interface CaseRepository {

    Optional<Case> findById(String id);

    Optional<Case> findByTenantAndComplaintId(String tenant, String complaintId);

    Case insert(Case c);

    Case save(Case c);

    /** Cases not terminal whose earliest pending deadline is due at {@code now}, earliest first. */
    List<Case> findDue(Instant now, int limit);

    /**
     * The ids of cases that may be due at {@code now}, earliest first, at most {@code max}: from the
     * due-minute buckets on the embedded store, by the {@code nextDueAt} index on MongoDB (ADR 0023).
     */
    DuePass duePass(Instant now, int max);

    /** The cases among {@code ids} still due at {@code now} (an id may be stale), earliest due first. */
    List<Case> dueAmong(Collection<String> ids, Instant now);

    /**
     * Moves a case's next due time, leaving its clocks as they are, so that a case the sweep cannot
     * process waits behind the others instead of blocking them. A later save recomputes it.
     */
    void postpone(String id, Instant until);

    /** Cases on one product at one site received since {@code since} (RT-06 group complaints). */
    List<Case> findOnProduct(String tenant, String site, String productRef, Instant since);

    /**
     * One page of the scope's cases, newest opening first, after {@code cursor} when given; may hold
     * fewer than {@code limit} with a cursor to go on (bounded work per page, ADR 0025).
     */
    HourIndex.Page<Case> page(CallerScope scope, String state, String level, String cursor, int limit);

    /**
     * One page of the scope's open cases owned by one of {@code owners} (a person or
     * {@code role:<role>}), nearest running deadline first (none: last), then by id, after
     * {@code cursor} when given: reached through the owners' lookups by key, so the cost follows the
     * owners' open cases, not the history (ADR 0601).
     */
    HourIndex.Page<Case> ownedBy(
            CallerScope scope, Collection<String> owners, String state, String level, String cursor, int limit);

    /**
     * The scope's cases holding a task of one of {@code owners} in one of {@code statuses}, due in
     * [{@code from}, {@code dueBefore}) (null = unbounded), for the work list: reached through the
     * owners' lookups by key, so the cost follows the open work, not the history (ADR 0026).
     */
    List<Case> withTasks(
            CallerScope scope, Collection<String> owners, Collection<String> statuses, Instant from, Instant dueBefore);

    /**
     * The tenants' open (not terminal) cases by level, from their open-case sets by key: the cost
     * follows the open work, not history (ADR 0607).
     */
    Map<String, Map<String, Long>> openByTenantAndLevel(Collection<String> tenants);
}

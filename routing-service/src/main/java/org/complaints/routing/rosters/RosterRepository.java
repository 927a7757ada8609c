package org.complaints.routing.rosters;

import java.util.Optional;

/** The stored rosters, by key; a save with a stale version fails ({@code OptimisticLockingFailureException}). */
public interface RosterRepository {

    Optional<StoredRoster> find(String tenant, String site);

    StoredRoster save(StoredRoster roster);
}

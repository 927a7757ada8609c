package org.complaints.routing.policy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A tenant's routing rules: this service's {@code presets/<preset>.yml} with the tenant's
 * {@code overrides.routing} merged over it. Nothing of a preset lives in Java.
 *
 * @param levelNames the preset's own level names (CL-01)
 * @param triageRole owner when no assignment rule matches (§6.2 step 5)
 * @param departments department by responsibility category, subject type or domain (RT-03/04)
 * @param responsiblePersons person by department (RT-01)
 * @param directToPersonChannels channels whose cases go straight to the responsible person (RT-02)
 * @param clocks deadlines keyed by channel and level (SLA-D*, SLA-G*, SLA-B*)
 * @param countingWindow the daily window in which escalation timers start (SLA-G1); null = always
 * @param sideRoutes tasks opened at once for some cases, each with its owner and due time (ESC-01,
 *     ESC-03, SLA-X2, CH-03)
 * @param permissions who may take each case step or read ({@link Permission} name → roles, with
 *     {@code *}, {@code system} and {@code owner}; enforced by {@link RoutingPermissions}, published
 *     in {@code docs/permissions-routing.md}, ADR 0205)
 * @param closureRoles retired (now {@code permissions.CLOSE}); a policy that still sets it is refused
 * @param closureRequiresFollowUp closure waits for a satisfied follow-up after a resolution (§2.8)
 * @param reopenRoles retired (now {@code permissions.REOPEN}); a policy that still sets it is refused
 * @param vagueMeasures phrases that are not a concrete measure (LC-10, RC-02)
 * @param atRiskShare a deadline is at risk once this share of its span has passed
 * @param groupComplaint when several complaints on one product and site open an incident (RT-06, SLA-X1)
 * @param conflictRole who joins when the customer rejects a proposal (ESC-05)
 * @param autoHandOver cases the system hands over at opening (SLA-D1: major C1/C2 to the 服务总监)
 * @param ladder who hears of a breach (by clock), a raised level (by level) or an overdue task (by its
 *     owner); every escalation names one
 * @param handlingTasks the tasks a case's own steps open (LC-06/RC-01 root cause, RC-04 CAPA
 *     effectiveness review; ADR 0250); none configured = none opened
 * @param flags CL-23 customer flags the preset acts on, by flag (VIOLENCE_RISK: ESC-09/CM-14;
 *     MEDIA_OR_LEGAL_PROFESSION: CH-04/CM-15; ADR 0501); a flag not listed is refused by the flag step
 * @param liability when liability may be accepted on a case (CM-04, §12.4-8)
 * @param rootCauses root-cause codes the preset knows, each with the responsibility category the
 *     cause puts the complaint in (OT-31: {@code NEGATIVE_SALE_NO_CONFIRMATION} → 门管; ADR 0512)
 */
public record RoutingPolicy(
        Map<String, String> levelNames,
        String triageRole,
        Departments departments,
        Map<String, String> responsiblePersons,
        List<String> directToPersonChannels,
        List<Clock> clocks,
        CountingWindow countingWindow,
        List<SideRoute> sideRoutes,
        Map<String, List<String>> permissions,
        List<String> closureRoles,
        boolean closureRequiresFollowUp,
        List<String> reopenRoles,
        List<String> vagueMeasures,
        double atRiskShare,
        GroupComplaint groupComplaint,
        String conflictRole,
        AutoHandOver autoHandOver,
        Ladder ladder,
        HandlingTasks handlingTasks,
        Map<String, FlagRule> flags,
        LiabilityRule liability,
        Map<String, RootCause> rootCauses) {

    public RoutingPolicy {
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        liability = liability == null ? new LiabilityRule(true) : liability;
        var table = new java.util.LinkedHashMap<String, List<String>>();
        if (permissions != null) {
            // an entry written without a list ("CLOSE:") is kept as empty, so the load check names it
            permissions.forEach((name, roles) -> table.put(name, roles == null ? List.of() : List.copyOf(roles)));
        }
        permissions = java.util.Collections.unmodifiableMap(table);
        rootCauses = rootCauses == null ? Map.of() : Map.copyOf(rootCauses);
    }

    /**
     * A root-cause code (OT-31).
     *
     * @param responsibilityCategory the category the cause attributes the complaint to (the report
     *     counts it there); the department follows from {@code departments.byResponsibilityCategory}
     */
    public record RootCause(String responsibilityCategory, String description) {}

    /** The list of a permission; none listed = nobody (a complete table is checked at load). */
    public List<String> rolesFor(Permission permission) {
        var listed = permissions.get(permission.name());
        return listed == null ? List.of() : listed;
    }

    /**
     * @param units LC-32 / RT-03: each department's handling unit and handling lead (受理负责人); every
     *     department a case can reach has one (checked at load, {@link PolicyCheck})
     */
    public record Departments(
            Map<String, String> byResponsibilityCategory,
            Map<String, String> bySubjectType,
            Map<String, String> byDomain,
            String fallback,
            Map<String, Unit> units) {
        public Departments {
            byResponsibilityCategory = byResponsibilityCategory == null ? Map.of() : byResponsibilityCategory;
            bySubjectType = bySubjectType == null ? Map.of() : bySubjectType;
            byDomain = byDomain == null ? Map.of() : byDomain;
            units = units == null ? Map.of() : Map.copyOf(units);
        }

        /** Every department a case can be routed to: the three tables' values and the fallback. */
        public java.util.SortedSet<String> reachable() {
            var all = new java.util.TreeSet<String>();
            all.addAll(byResponsibilityCategory.values());
            all.addAll(bySubjectType.values());
            all.addAll(byDomain.values());
            if (fallback != null) {
                all.add(fallback);
            }
            return all;
        }
    }

    /**
     * LC-32: the specific handling unit of a department and its handling lead.
     *
     * @param lead a person (a user id of the tenant) or {@code role:<role>}
     */
    public record Unit(String unit, String lead) {}

    /**
     * One clock rule. It applies when the case's channel and level match (empty = any).
     *
     * @param clock HAND_OVER, ACCEPTANCE, FIRST_RESPONSE, RESOLUTION, CLOSURE or ESCALATION
     * @param after the span from the clock's base
     * @param base RECEIPT (default), ACCEPTANCE (SLA-G2) or WINDOW_START (SLA-G1 counted timers)
     * @param calendar WALL (default), WORKING_DAYS (after = n days) or END_OF_WORKING_DAY
     * @param action BREACH (default: a missed deadline), RAISE_ONE (SLA-G3, repeating every
     *     {@code after} up to {@code cap}) or RAISE_TO (SLA-G2/G4/G5, to {@code raiseTo})
     * @param onlyIfLevel at firing, act only if the case is at this level (SLA-G4/G5)
     * @param minUrgings at firing, act only with at least this many urging calls (SLA-G2)
     * @param majorHolidayAfter a different span when the base falls on a major holiday (SLA-G2)
     * @param assumed the seed is silent and this is a recommended default
     * @param grace how long after {@code dueAt} the step still counts as in time (SLA-D1 "immediately"
     *     is met by the system's own hand-over at opening; only a later one breaches)
     */
    public record Clock(
            String rule,
            String clock,
            List<String> channels,
            List<String> levels,
            Duration after,
            String base,
            String calendar,
            String action,
            String raiseTo,
            String cap,
            String onlyIfLevel,
            Integer minUrgings,
            Duration majorHolidayAfter,
            boolean assumed,
            Duration grace) {
        public Clock {
            grace = grace == null ? Duration.ZERO : grace;
            channels = channels == null ? List.of() : channels;
            levels = levels == null ? List.of() : levels;
            base = base == null ? "RECEIPT" : base;
            calendar = calendar == null ? "WALL" : calendar;
            action = action == null ? "BREACH" : action;
        }
    }

    /** SLA-D1: the system hands matching cases to {@code to} as soon as it opens them. */
    public record AutoHandOver(List<String> channels, List<String> levels, String to) {
        public AutoHandOver {
            channels = channels == null ? List.of() : channels;
            levels = levels == null ? List.of() : levels;
        }

        public boolean matches(String channel, String level) {
            return (channels.isEmpty() || channels.contains(channel)) && (levels.isEmpty() || levels.contains(level));
        }
    }

    /**
     * The tenant's escalation ladder: a breach goes to the clock's recipient, a raised level to the
     * level's, an overdue task to its owner's supervisor ({@code supervisors}, by owner).
     */
    public record Ladder(
            Map<String, String> clocks, Map<String, String> levels, Map<String, String> supervisors, String fallback) {
        public Ladder {
            clocks = clocks == null ? Map.of() : clocks;
            levels = levels == null ? Map.of() : levels;
            supervisors = supervisors == null ? Map.of() : supervisors;
        }

        public String forOwner(String owner) {
            return owner == null ? fallback : supervisors.getOrDefault(owner, fallback);
        }

        public String forClock(String clock) {
            return clocks.getOrDefault(clock, fallback);
        }

        public String forLevel(String level) {
            return levels.getOrDefault(level, fallback);
        }
    }

    /**
     * The tasks of a case's own handling (ADR 0250).
     *
     * @param rootCause LC-06 / RC-01: the owner (the responsible person once assigned) writes the root
     *     cause on the form; opened at acceptance or assignment, due {@code after} on the site's
     *     calendar, done by the resolution that records it or by its completion step
     * @param capaReview RC-04: the CAPA effectiveness review of a case closed with a root cause, owned
     *     by {@code assignee}, due {@code after} the end of the long-term measure's due date (or the
     *     closure, if later)
     * @param archive LC-12 / SLA-D3: the closed case's record handed to {@code assignee} (the dealer's
     *     customer-care department, 客户关爱部) for filing, due {@code after} the closure on the site's
     *     calendar (ADR 0530)
     */
    public record HandlingTasks(TaskRule rootCause, TaskRule capaReview, TaskRule archive) {}

    /**
     * One handling task's rule.
     *
     * @param assignee the owner, a person or {@code role:<role>}; for the root cause empty = the case's owner
     * @param calendar WALL (default), WORKING_HOURS, WORKING_DAYS or END_OF_WORKING_DAY
     */
    public record TaskRule(String rule, String assignee, Duration after, String calendar, boolean assumed) {
        public TaskRule {
            calendar = calendar == null ? "WALL" : calendar;
        }
    }

    public record CountingWindow(LocalTime start, LocalTime end, String offHoursEntryPolicy) {}

    /**
     * A task opened at once for matching cases (ESC-01, ESC-03, SLA-X2, CH-03, RT-07). A case matches
     * when its channel is listed (none listed = any) and its level reaches {@code minLevel} or it has
     * one of {@code circumstances} (neither given = every case).
     *
     * @param assignee the task's owner: a person, or {@code role:<role>}
     * @param circumstances intake facts that open the route whatever the level (RT-07: legal risk)
     * @param checklist items kept on the case with the task (RT-07: the legal-risk checklist)
     * @param after how long the owner has, counted on {@code calendar} from the task's opening
     * @param calendar as for clocks: WALL (default), WORKING_HOURS, WORKING_DAYS or END_OF_WORKING_DAY
     */
    public record SideRoute(
            String rule,
            String task,
            String assignee,
            List<String> channels,
            String minLevel,
            Duration after,
            String calendar,
            List<String> circumstances,
            List<String> checklist) {
        public SideRoute {
            channels = channels == null ? List.of() : channels;
            calendar = calendar == null ? "WALL" : calendar;
            circumstances = circumstances == null ? List.of() : List.copyOf(circumstances);
            checklist = checklist == null ? List.of() : List.copyOf(checklist);
        }

        public SideRoute(
                String rule,
                String task,
                String assignee,
                List<String> channels,
                String minLevel,
                Duration after,
                String calendar) {
            this(rule, task, assignee, channels, minLevel, after, calendar, null, null);
        }
    }

    /** RT-06 / SLA-X1: the incident's tasks, each due {@code after} its opening (wall clock), with its owner. */
    public record GroupComplaint(int threshold, Duration window, String minLevel, List<Task> tasks) {
        public GroupComplaint {
            tasks = tasks == null ? List.of() : tasks;
        }

        public record Task(String name, Duration after, String rule, String owner) {}
    }

    /**
     * What a customer flag sets off when it is raised on a case (at filing or by a step; ADR 0501).
     *
     * @param rule the rule the effects are recorded under (ESC-09, CH-04)
     * @param banner the text the case view shows while the flag is set (§12.4-6)
     * @param minLevel the case is raised to at least this level (CL-02.3: a reporter or lawyer → MAJOR)
     * @param alert who is told at once, persons or {@code role:<role>} (ESC-09: site manager, security)
     * @param task a task opened once for the flag (ESC-09 assistance; ESC-01 brand PR escalation)
     * @param statementsNeedApproval CM-15 / X22: messages and letters to this customer wait for the
     *     {@code APPROVE_STATEMENT} roles (PR) before they count as sent; internal records stay complete
     */
    public record FlagRule(
            String rule,
            String banner,
            String minLevel,
            List<String> alert,
            SideRoute task,
            boolean statementsNeedApproval) {
        public FlagRule {
            alert = alert == null ? List.of() : List.copyOf(alert);
        }
    }

    /**
     * CM-04 / §12.4-8: liability can be accepted only once the complaint is valid (LC-31) and, where
     * {@code requireRootCause}, the root cause is on record (the LC-06 task done).
     */
    public record LiabilityRule(boolean requireRootCause) {}
}

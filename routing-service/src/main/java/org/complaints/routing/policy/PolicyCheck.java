package org.complaints.routing.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses a tenant's routing policy at load when a rule could never work as written: two clock
 * rules with one name (one would silently shadow the other), a rule that can never fire (a level
 * filter and an {@code onlyIfLevel} that exclude each other, a raise that cannot raise, an unknown
 * clock, base, calendar or action), a missing escalation ladder, a side-route or incident task
 * without a usable unique name, an owner or a due time (handling tasks included), a reachable
 * department without a handling unit and lead (LC-32), a root-cause code whose category routes
 * nowhere (OT-31), or a permission table that misses an action,
 * names an unknown one or still uses the retired role lists ({@link RoutingPermissions}).
 * The message names the rules and actions.
 */
public final class PolicyCheck {

    static final Set<String> LEVELS = Set.of("SERVICE_REQUEST", "GENERAL", "URGENT", "MAJOR", "CHANNEL");
    static final Set<String> CLOCKS =
            Set.of("HAND_OVER", "ACCEPTANCE", "FIRST_RESPONSE", "RESOLUTION", "CLOSURE", "ESCALATION");
    static final Set<String> BASES = Set.of("RECEIPT", "ACCEPTANCE", "WINDOW_START");
    static final Set<String> CALENDARS = Set.of("WALL", "WORKING_HOURS", "WORKING_DAYS", "END_OF_WORKING_DAY");
    /** A task's name is its id in URLs and notification ids. */
    static final java.util.regex.Pattern TASK_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,60}");

    /** The ids of the handling tasks (ADR 0250); a side route may not take them. */
    static final Set<String> HANDLING_TASKS = Set.of("ROOT_CAUSE", "CAPA_EFFECTIVENESS_REVIEW");

    static final Set<String> ACTIONS = Set.of("BREACH", "RAISE_ONE", "RAISE_TO");
    static final List<String> ORDER = List.of("SERVICE_REQUEST", "GENERAL", "URGENT", "MAJOR", "CHANNEL");

    private PolicyCheck() {}

    /** Every problem of the policy, each naming its rule; empty when the policy is usable. */
    public static List<String> problems(RoutingPolicy policy) {
        var problems = new ArrayList<String>();
        var seen = new HashSet<String>();
        var duplicates = new java.util.TreeSet<String>();
        for (var rule : policy.clocks()) {
            if (rule.rule() == null || rule.rule().isBlank()) {
                problems.add("a clock rule has no name");
                continue;
            }
            if (!seen.add(rule.rule())) {
                duplicates.add(rule.rule());
            }
            neverFires(rule).ifPresent(why -> problems.add(rule.rule() + " can never fire: " + why));
        }
        if (!duplicates.isEmpty()) {
            problems.add(0, "duplicate clock rule names: " + String.join(", ", duplicates));
        }
        if (policy.ladder() == null || policy.ladder().fallback() == null) {
            problems.add("no escalation ladder with a fallback recipient (ladder.fallback)");
        }
        if (policy.sideRoutes() != null) {
            var names = new HashSet<String>();
            for (var route : policy.sideRoutes()) {
                if (route.minLevel() != null && !LEVELS.contains(route.minLevel())) {
                    problems.add(route.rule() + " can never fire: unknown minLevel " + route.minLevel());
                }
                task(route.rule(), route.task(), route.assignee(), names).ifPresent(problems::add);
                if (HANDLING_TASKS.contains(route.task())) {
                    problems.add(route.rule() + " task " + route.task() + ": the name belongs to a handling task");
                }
                if (!CALENDARS.contains(route.calendar())) {
                    problems.add(route.rule() + " task " + route.task() + ": unknown calendar " + route.calendar());
                } else if (route.after() == null && !"END_OF_WORKING_DAY".equals(route.calendar())) {
                    problems.add(route.rule() + " task " + route.task() + ": no due time (after)");
                }
            }
        }
        if (policy.handlingTasks() != null) {
            problems.addAll(handlingTasks(policy.handlingTasks()));
        }
        if (policy.groupComplaint() != null) {
            var names = new HashSet<String>();
            for (var t : policy.groupComplaint().tasks()) {
                task(t.rule(), t.name(), t.owner(), names).ifPresent(problems::add);
                if (t.after() == null) {
                    problems.add(t.rule() + " task " + t.name() + ": no due time (after)");
                }
            }
        }
        policy.flags().forEach((flag, rule) -> problems.addAll(flag(flag, rule)));
        if (policy.departments() != null) {
            problems.addAll(departments(policy.departments()));
            policy.rootCauses().forEach((code, cause) -> {
                if (cause == null
                        || cause.responsibilityCategory() == null
                        || !policy.departments()
                                .byResponsibilityCategory()
                                .containsKey(cause.responsibilityCategory())) {
                    problems.add("rootCauses." + code + ": its responsibilityCategory names no department"
                            + " (departments.byResponsibilityCategory)");
                }
            });
        }
        problems.addAll(RoutingPermissions.problems(policy));
        return problems;
    }

    /** CL-23 (ADR 0501): a flag's rule is named, its level known, its task and recipients usable. */
    private static List<String> flag(String flag, RoutingPolicy.FlagRule rule) {
        var problems = new ArrayList<String>();
        if (rule == null || rule.rule() == null || rule.rule().isBlank()) {
            problems.add("flags." + flag + ": no rule");
            return problems;
        }
        if (rule.minLevel() != null && !LEVELS.contains(rule.minLevel())) {
            problems.add("flags." + flag + ": unknown minLevel " + rule.minLevel());
        }
        rule.alert().stream()
                .filter(r -> r == null || !r.matches("(role|person):[\\w.@-]+"))
                .forEach(r -> problems.add("flags." + flag + ": alert names role:<role> or person:<id>, not " + r));
        var task = rule.task();
        if (task != null) {
            task(task.rule(), task.task(), task.assignee(), new HashSet<>()).ifPresent(problems::add);
            if (!CALENDARS.contains(task.calendar())) {
                problems.add("flags." + flag + " task " + task.task() + ": unknown calendar " + task.calendar());
            } else if (task.after() == null && !"END_OF_WORKING_DAY".equals(task.calendar())) {
                problems.add("flags." + flag + " task " + task.task() + ": no due time (after)");
            }
        }
        return problems;
    }

    /** LC-32 / RT-03: every department a case can reach names its handling unit and handling lead. */
    private static List<String> departments(RoutingPolicy.Departments departments) {
        var problems = new ArrayList<String>();
        for (var department : departments.reachable()) {
            var unit = departments.units().get(department);
            if (unit == null
                    || unit.unit() == null
                    || unit.unit().isBlank()
                    || unit.lead() == null
                    || unit.lead().isBlank()) {
                problems.add("department " + department + ": no handling unit and handling lead (departments.units."
                        + department + ", LC-32)");
            }
        }
        return problems;
    }

    /** Throws with every problem named when the policy is not usable. */
    public static void require(String tenant, RoutingPolicy policy) {
        var problems = problems(policy);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "routing policy of tenant " + tenant + " is not usable: " + String.join("; ", problems));
        }
    }

    /**
     * LC-06 / RC-04 / LC-12 (ADR 0250, 0530): each configured one needs its rule, a usable calendar and a
     * due time; the review and the archive hand-over an owner.
     */
    private static List<String> handlingTasks(RoutingPolicy.HandlingTasks tasks) {
        var problems = new ArrayList<String>();
        var named = new java.util.LinkedHashMap<String, RoutingPolicy.TaskRule>();
        named.put("rootCause", tasks.rootCause());
        named.put("capaReview", tasks.capaReview());
        named.put("archive", tasks.archive());
        named.forEach((name, rule) -> {
            if (rule == null) {
                return;
            }
            if (rule.rule() == null || rule.rule().isBlank()) {
                problems.add("handlingTasks." + name + ": no rule");
            }
            if (!CALENDARS.contains(rule.calendar())) {
                problems.add("handlingTasks." + name + ": unknown calendar " + rule.calendar());
            } else if (rule.after() == null && !"END_OF_WORKING_DAY".equals(rule.calendar())) {
                problems.add("handlingTasks." + name + ": no due time (after)");
            }
        });
        if (tasks.capaReview() != null
                && (tasks.capaReview().assignee() == null
                        || tasks.capaReview().assignee().isBlank())) {
            problems.add("handlingTasks.capaReview: no owner (a person or role:<role>)");
        }
        if (tasks.archive() != null
                && (tasks.archive().assignee() == null
                        || tasks.archive().assignee().isBlank())) {
            problems.add("handlingTasks.archive: no owner (a person or role:<role>)");
        }
        return problems;
    }

    /** A task needs a usable, unrepeated name (its id) and an owner. */
    private static java.util.Optional<String> task(String rule, String name, String owner, Set<String> names) {
        if (name == null || !TASK_NAME.matcher(name).matches()) {
            return java.util.Optional.of(
                    rule + " task " + name + ": a name of 1-60 letters, digits or _ . - is required");
        }
        if (!names.add(name)) {
            return java.util.Optional.of(rule + " task " + name + ": the name is used twice");
        }
        if (owner == null || owner.isBlank()) {
            return java.util.Optional.of(rule + " task " + name + ": no owner (a person or role:<role>)");
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> neverFires(RoutingPolicy.Clock rule) {
        if (!CLOCKS.contains(rule.clock())) {
            return java.util.Optional.of("unknown clock " + rule.clock());
        }
        if (!BASES.contains(rule.base())) {
            return java.util.Optional.of("unknown base " + rule.base());
        }
        if (!CALENDARS.contains(rule.calendar())) {
            return java.util.Optional.of("unknown calendar " + rule.calendar());
        }
        if (!ACTIONS.contains(rule.action())) {
            return java.util.Optional.of("unknown action " + rule.action());
        }
        if (rule.after() == null && !"END_OF_WORKING_DAY".equals(rule.calendar())) {
            return java.util.Optional.of("no span (after)");
        }
        var unknown = rule.levels().stream().filter(l -> !LEVELS.contains(l)).toList();
        if (!unknown.isEmpty()) {
            return java.util.Optional.of("unknown levels " + unknown);
        }
        if (rule.onlyIfLevel() != null) {
            if (!LEVELS.contains(rule.onlyIfLevel())) {
                return java.util.Optional.of("unknown onlyIfLevel " + rule.onlyIfLevel());
            }
            if (!rule.levels().isEmpty() && !rule.levels().contains(rule.onlyIfLevel())) {
                return java.util.Optional.of(
                        "planned only at " + rule.levels() + " but acts only at " + rule.onlyIfLevel());
            }
        }
        if ("RAISE_TO".equals(rule.action())) {
            if (rule.raiseTo() == null || !LEVELS.contains(rule.raiseTo())) {
                return java.util.Optional.of("RAISE_TO without a known raiseTo");
            }
            var lowest = rule.onlyIfLevel() != null
                    ? List.of(rule.onlyIfLevel())
                    : rule.levels().isEmpty() ? ORDER : rule.levels();
            if (lowest.stream().allMatch(l -> ORDER.indexOf(l) >= ORDER.indexOf(rule.raiseTo()))) {
                return java.util.Optional.of("raiseTo " + rule.raiseTo() + " is not above " + lowest);
            }
        }
        if ("RAISE_ONE".equals(rule.action()) && rule.cap() != null) {
            if (!LEVELS.contains(rule.cap())) {
                return java.util.Optional.of("unknown cap " + rule.cap());
            }
            if (!rule.levels().isEmpty()
                    && rule.levels().stream().allMatch(l -> ORDER.indexOf(l) >= ORDER.indexOf(rule.cap()))) {
                return java.util.Optional.of("every level it applies to is at or above its cap " + rule.cap());
            }
        }
        return java.util.Optional.empty();
    }

    static List<String> levels() {
        return Arrays.asList(LEVELS.toArray(String[]::new));
    }
}

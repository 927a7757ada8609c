package org.complaints.routing.cases;

import org.complaints.routing.policy.RoutingPolicy;

/**
 * Who handles a case (§6.2): the department by responsibility category, subject type or domain
 * (RT-03, RT-04), the responsible person by department (RT-01), straight to the person for the
 * brand hotline (RT-02), else the tenant's triage role. One owner at a time (RT-10). The
 * department's handling unit and handling lead come with it (LC-32).
 */
final class Assignment {

    private Assignment() {}

    static void assign(Case c, RoutingPolicy policy, String domain, String department, String person) {
        var d = policy.departments();
        if (domain != null && !domain.isBlank()) {
            c.domain = domain;
        }
        String dept = department;
        if (dept == null && c.responsibilityCategory != null) {
            dept = d.byResponsibilityCategory().get(c.responsibilityCategory);
        }
        if (dept == null && c.subjectType != null) {
            dept = d.bySubjectType().get(c.subjectType);
        }
        if (dept == null && c.domain != null) {
            dept = d.byDomain().get(c.domain);
        }
        c.department = dept != null ? dept : (c.department != null ? c.department : d.fallback());
        unitOf(c, d);
        var responsible = person != null
                ? person
                : policy.responsiblePersons() == null
                        ? null
                        : policy.responsiblePersons().get(c.department);
        var direct = policy.directToPersonChannels() != null
                && policy.directToPersonChannels().contains(c.channel);
        if (responsible != null && (person != null || direct || c.domain != null)) {
            c.owner = responsible;
        } else if (c.owner == null) {
            c.owner = policy.triageRole();
        }
    }

    /** LC-32: the department's handling unit and lead (every reachable department has one, PolicyCheck). */
    static void unitOf(Case c, RoutingPolicy.Departments departments) {
        var unit = departments.units().get(c.department);
        c.handlingUnit = unit == null ? null : unit.unit();
        c.handlingLead = unit == null ? null : unit.lead();
    }

    /**
     * OT-31: a root-cause code the tenant attributes to a responsibility category puts the case in
     * that category and its department (the monthly report counts it there); the owner stays.
     */
    static void attributeRootCause(Case c, RoutingPolicy policy, String rootCauseCode) {
        var cause = rootCauseCode == null ? null : policy.rootCauses().get(rootCauseCode);
        if (cause == null || policy.departments() == null) {
            return;
        }
        c.responsibilityCategory = cause.responsibilityCategory();
        var department = policy.departments().byResponsibilityCategory().get(cause.responsibilityCategory());
        if (department != null) {
            c.department = department;
            unitOf(c, policy.departments());
        }
    }
}

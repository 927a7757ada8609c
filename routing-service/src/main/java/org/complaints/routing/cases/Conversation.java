package org.complaints.routing.cases;

import java.time.Instant;
import java.util.ArrayList;
import org.complaints.routing.tasks.Task;

/**
 * What staff establish with the customer besides the remedy: the paraphrase of the core problem and
 * whether the customer confirmed it (CM-03, LC-22), and the acceptance of liability, which waits for
 * the verified facts (CM-04, §12.4-8, X12; ADR 0502).
 */
final class Conversation {

    static final int MAX_TEXT = 2_000;

    private Conversation() {}

    static void paraphrase(Case c, Actor actor, Step step, Instant now) {
        if (Case.blank(step.text())) {
            throw CaseRefusal.invalid("text", "is required: the core problem as the staff member restated it (CM-03)");
        }
        if (step.text().length() > MAX_TEXT
                || (step.note() != null && step.note().length() > MAX_TEXT)) {
            throw CaseRefusal.invalid("text", "is longer than " + MAX_TEXT + " characters");
        }
        if (step.confirmed() == null) {
            throw CaseRefusal.invalid("confirmed", "is required: whether the customer confirmed the paraphrase");
        }
        var all = new ArrayList<>(c.paraphrases);
        all.add(new Case.Paraphrase(step.text().strip(), step.confirmed(), step.note(), actor.subject(), now));
        c.paraphrases = all;
    }

    /**
     * CM-04: liability is accepted only once intake found the complaint valid (LC-31) and, where the
     * tenant asks for it, the root cause is on record (the LC-06 task done); otherwise 409 "verify the
     * facts first". An apology never waits (the linter never flags one).
     */
    static void acceptLiability(Case c, Actor actor, Step step, Instant now, CaseClocks rules) {
        if (c.liability != null) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.LIABILITY_BEFORE_FACTS,
                    "Liability was already accepted by " + c.liability.by() + " at " + c.liability.at() + ".");
        }
        var apology = rules.texts().apologies().isEmpty()
                ? ""
                : " An apology for the inconvenience is always possible: \""
                        + rules.texts().apologies().getFirst() + "\".";
        if (!"VALID".equals(c.validity)) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.LIABILITY_BEFORE_FACTS,
                    "Verify the facts first: the complaint's validity is " + validity(c)
                            + "; liability can be accepted only once it is found valid (CM-04, LC-31)." + apology);
        }
        if (rules.policy().liability().requireRootCause() && !rootCauseKnown(c)) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.LIABILITY_BEFORE_FACTS,
                    "Verify the facts first: the root cause is not on record yet (CM-04, LC-06)." + apology);
        }
        c.liability = new Case.Liability(actor.subject(), step.reason(), now);
    }

    static String validity(Case c) {
        if (c.validity != null) {
            return c.validity;
        }
        return c.state == State.CLOSED_NOT_ESTABLISHED ? "NOT_VALID" : "PENDING";
    }

    private static boolean rootCauseKnown(Case c) {
        return c.resolution != null
                || c.tasks.stream()
                        .anyMatch(t -> t.taskId().equals(HandlingTaskRules.ROOT_CAUSE) && Task.DONE.equals(t.status()));
    }
}

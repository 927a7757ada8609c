package org.complaints.routing.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.text.PhraseLinter;
import org.complaints.support.text.TextCheck;

/**
 * What a case sends the customer in writing (§12, CM-04, CM-15, CM-16; ADRs 0500, 0502): a message
 * or a reply letter, checked by the tenant's §12 linter (BLOCK refuses it, WARN stores the hits with
 * it), and held for PR approval while a flag of the customer asks for it (CM-15, X22).
 */
final class CustomerTexts {

    static final int MAX_TEXT = 4_000;

    private CustomerTexts() {}

    static void message(Case c, Actor actor, Step step, Instant now, CaseClocks rules) {
        if (Case.blank(step.text())) {
            throw CaseRefusal.invalid("text", "is required");
        }
        if (step.text().length() > MAX_TEXT) {
            throw CaseRefusal.invalid("text", "is longer than " + MAX_TEXT + " characters");
        }
        var check = PhraseLinter.check(rules.texts(), "text", step.text(), c.liabilityEstablished());
        refuseIfBlocked(check);
        send(c, actor, Case.MESSAGE_KIND, step.text(), null, check, now, rules);
    }

    /**
     * CM-16: every required section filled (the mistake admitted once liability is accepted, §12.4-4
     * the adjustment's how and when), else 422 naming each empty one and nothing stored; the sections
     * are linted one by one, and a mistake admitted before liability is accepted is flagged (CM-04).
     */
    static void letter(Case c, Actor actor, Step step, Instant now, CaseClocks rules) {
        var l = step.letter();
        if (l == null) {
            throw CaseRefusal.invalid("letter", "is required: the six sections of a reply letter (CM-16)");
        }
        var sections = sections(l);
        var missing = new ArrayList<CaseRefusal.Field>();
        sections.forEach((name, text) -> {
            var required = !name.equals("mistake") || c.liabilityEstablished();
            if (required && Case.blank(text)) {
                missing.add(new CaseRefusal.Field("letter." + name, "is required (CM-16: " + PURPOSE.get(name) + ")"));
            } else if (text != null && text.length() > MAX_TEXT) {
                missing.add(new CaseRefusal.Field("letter." + name, "is longer than " + MAX_TEXT + " characters"));
            }
        });
        if (!missing.isEmpty()) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.INCOMPLETE_LETTER,
                    "The reply letter lacks required sections (CM-16): "
                            + missing.stream().map(CaseRefusal.Field::field).toList() + ".",
                    missing);
        }
        var texts = new LinkedHashMap<String, String>();
        sections.forEach((name, text) -> {
            if (!Case.blank(text)) {
                texts.put("letter." + name, text);
            }
        });
        var check = PhraseLinter.check(rules.texts(), texts, c.liabilityEstablished());
        refuseIfBlocked(check);
        if (!c.liabilityEstablished() && !Case.blank(l.mistake())) {
            var hits = new ArrayList<>(check.hits());
            hits.add(new TextCheck.Hit(
                    "letter.mistake",
                    l.mistake().strip(),
                    TextCheck.LIABILITY,
                    rules.texts().apologies().isEmpty()
                            ? null
                            : rules.texts().apologies().getFirst()));
            check = new TextCheck(check.mode(), hits);
        }
        var rendered = String.join(
                "\n\n", sections.values().stream().filter(t -> !Case.blank(t)).toList());
        send(c, actor, Case.LETTER_KIND, rendered, l, check, now, rules);
    }

    /**
     * CM-15: the PR decision on a statement waiting for it: {@code APPROVE} sends it, {@code REJECT}
     * withholds it (a reason is required). Deciding twice is a conflict.
     */
    static void decide(Case c, Actor actor, Step step, Instant now) {
        if (Case.blank(step.messageId())) {
            throw CaseRefusal.invalid("messageId", "is required: the statement waiting for approval");
        }
        var decision = step.decision() == null ? "" : step.decision().strip();
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            throw CaseRefusal.invalid("decision", "is APPROVE or REJECT");
        }
        if (decision.equals("REJECT") && Case.blank(step.reason())) {
            throw CaseRefusal.invalid("reason", "is required when a statement is withheld");
        }
        var index = indexOf(c, step.messageId());
        var message = c.messages.get(index);
        if (!message.awaitingApproval()) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.STATEMENT_DECIDED,
                    "Statement " + message.id() + " is " + message.status()
                            + "; only one waiting for approval can be decided.");
        }
        var approved = decision.equals("APPROVE");
        var all = new ArrayList<>(c.messages);
        all.set(
                index,
                message.decided(
                        approved ? Case.SENT : Case.WITHHELD,
                        new Case.StatementApproval(
                                approved ? "APPROVED" : "WITHHELD", actor.subject(), step.reason(), now)));
        c.messages = all;
    }

    /** Whether a flag of this customer makes written statements wait for PR approval (CM-15). */
    static boolean needsApproval(Case c, CaseClocks rules) {
        return rules.policy().flags().entrySet().stream()
                .anyMatch(e -> e.getValue().statementsNeedApproval() && c.flagged(e.getKey()));
    }

    private static void send(
            Case c,
            Actor actor,
            String kind,
            String text,
            Case.Letter letter,
            TextCheck check,
            Instant now,
            CaseClocks rules) {
        var id = UUID.randomUUID().toString();
        var status = Case.SENT;
        Case.StatementApproval approval = null;
        if (needsApproval(c, rules)) {
            if (RoutingPermissions.allows(rules.policy(), Permission.APPROVE_STATEMENT, actor.asking(c.owner))) {
                approval = new Case.StatementApproval("APPROVED", actor.subject(), "written by an approver", now);
            } else {
                status = Case.AWAITING_APPROVAL;
                c.addDelivery(new Delivery("statement:" + id, Case.STATEMENT_APPROVAL_NOTICE, now, 0, null));
            }
        }
        var banned = check.banned().stream().map(TextCheck.Hit::phrase).toList();
        var all = new ArrayList<>(c.messages);
        all.add(new Case.Message(id, kind, text, letter, banned, check, status, actor.subject(), now, approval));
        c.messages = all;
    }

    private static void refuseIfBlocked(TextCheck check) {
        if (check.blocked()) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.BANNED_PHRASE,
                    "The text contains phrases not to use with customers (§12.1): "
                            + check.banned().stream().map(TextCheck.Hit::phrase).toList()
                            + "; nothing was sent. Use the recommended wording instead.",
                    check.fields().stream()
                            .map(f -> new CaseRefusal.Field(f.field(), f.message()))
                            .toList());
        }
    }

    private static int indexOf(Case c, String messageId) {
        for (var i = 0; i < c.messages.size(); i++) {
            if (messageId.equals(c.messages.get(i).id())) {
                return i;
            }
        }
        throw CaseRefusal.notFound("statement", messageId);
    }

    private static Map<String, String> sections(Case.Letter l) {
        var sections = new LinkedHashMap<String, String>();
        sections.put("receipt", l.receipt());
        sections.put("mistake", l.mistake());
        sections.put("explanation", l.explanation());
        sections.put("adjustmentHow", l.adjustmentHow());
        sections.put("adjustmentWhen", l.adjustmentWhen());
        sections.put("nonRecurrence", l.nonRecurrence());
        sections.put("apology", l.apology());
        return sections;
    }

    private static final Map<String, String> PURPOSE = Map.of(
            "receipt", "1. acknowledge receipt of the complaint",
            "mistake", "2. admit the mistake, the complaint being justified (liability accepted)",
            "explanation", "3. explain the problem",
            "adjustmentHow", "4. how the adjustment will be made",
            "adjustmentWhen", "4. when the adjustment will be made",
            "nonRecurrence", "5. promise the mistake will not recur",
            "apology", "6. apologise for the inconvenience");

    static List<String> sectionNames() {
        return List.copyOf(PURPOSE.keySet());
    }
}

package org.complaints.support.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The §12.4 outgoing-text linter as a pure function: each banned phrase (in any of its forms) a
 * text contains, once per phrase, with its replacement; and, while liability is not established,
 * wording that admits it (CM-04). Matching ignores case, full/half width, whitespace and
 * punctuation (§12.4-1).
 */
public final class PhraseLinter {

    private PhraseLinter() {}

    /**
     * @param texts the texts to check by field (a message's {@code text}, a letter's sections), in order
     * @param liabilityEstablished the case's liability is accepted: admitting fault is no longer premature
     */
    public static TextCheck check(TextPolicy policy, Map<String, String> texts, boolean liabilityEstablished) {
        var hits = new ArrayList<TextCheck.Hit>();
        var apology = policy.apologies().isEmpty() ? null : policy.apologies().getFirst();
        texts.forEach((field, text) -> {
            var normal = normalise(text);
            if (normal.isEmpty()) {
                return;
            }
            for (var phrase : policy.banned()) {
                phrase.forms().stream()
                        .filter(form -> !normalise(form).isEmpty() && normal.contains(normalise(form)))
                        .findFirst()
                        .ifPresent(form ->
                                hits.add(new TextCheck.Hit(field, form, TextCheck.BANNED, phrase.replacement())));
            }
            if (!liabilityEstablished) {
                policy.liability().stream()
                        .filter(p -> !normalise(p).isEmpty() && normal.contains(normalise(p)))
                        .forEach(p -> hits.add(new TextCheck.Hit(field, p, TextCheck.LIABILITY, apology)));
            }
        });
        return new TextCheck(policy.mode().name(), hits);
    }

    /** One text under one field name. */
    public static TextCheck check(TextPolicy policy, String field, String text, boolean liabilityEstablished) {
        var texts = new LinkedHashMap<String, String>();
        texts.put(field, text);
        return check(policy, texts, liabilityEstablished);
    }

    static String normalise(String text) {
        var folded = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\p{P}\\p{S}\\s…]+", "");
    }
}

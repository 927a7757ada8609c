package org.complaints.support.text;

import java.util.List;

/**
 * A tenant's rules for text sent to customers (DOMAIN §12, ADR 0500): {@code texts/phrases.yml}
 * in service-support with the tenant's {@code overrides.texts} merged over it, the same in every
 * service that checks such text (routing messages and letters, intake's validity replies,
 * follow-up comments).
 *
 * @param mode {@code WARN} (default) stores the hits with the text; {@code BLOCK} refuses a text
 *     with a banned phrase (422 naming each phrase and its replacement), nothing stored
 * @param banned §12.1 phrases, each in its written forms (simplified and traditional) with the
 *     recommended §12.2 replacement
 * @param liability wording that admits fault or accepts liability (CM-04): flagged, never blocked,
 *     while the case's liability is not established
 * @param apologies the apology templates (CM-04, X12): always allowed, shown with a liability flag
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "TextRules")
public record TextPolicy(Mode mode, List<Phrase> banned, List<String> liability, List<String> apologies) {

    public enum Mode {
        WARN,
        BLOCK
    }

    public TextPolicy {
        mode = mode == null ? Mode.WARN : mode;
        banned = banned == null ? List.of() : List.copyOf(banned);
        liability = liability == null ? List.of() : List.copyOf(liability);
        apologies = apologies == null ? List.of() : List.copyOf(apologies);
    }

    /**
     * One banned phrase in the forms it is written in, and what to say instead.
     *
     * @param forms the phrase as written (the first is the one reported), e.g. simplified and traditional
     * @param replacement the recommended phrase (§12.2)
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "BannedPhrase")
    public record Phrase(List<String> forms, String replacement) {
        public Phrase {
            forms = forms == null ? List.of() : List.copyOf(forms);
        }
    }
}

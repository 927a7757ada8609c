package org.complaints.support.text;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.complaints.support.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * What the §12 linter found in one customer-facing text (ADR 0500), stored with the text: the
 * tenant's mode and each hit with the recommended wording.
 */
@Schema(name = "TextCheck", description = "The §12 linter's result on a customer-facing text (ADR 0500).")
public record TextCheck(
        @Schema(implementation = TextPolicy.Mode.class) String mode, List<Hit> hits) {

    /** A banned phrase (§12.1) or, before liability is established, wording that admits it (CM-04). */
    public static final String BANNED = "BANNED_PHRASE";

    public static final String LIABILITY = "LIABILITY_BEFORE_FACTS";

    @Schema(name = "TextCheckHit")
    public record Hit(
            @Schema(description = "Where the phrase was found (the request field or letter section)", example = "text")
            String field,

            @Schema(example = "这不是我的责任") String phrase,

            @Schema(allowableValues = {BANNED, LIABILITY}) String kind,

            @Schema(description = "The recommended wording instead (§12.2; CM-04 an apology)", example = "谢谢您的反馈")
            String replacement) {}

    public TextCheck {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }

    public List<Hit> banned() {
        return hits.stream().filter(h -> BANNED.equals(h.kind())).toList();
    }

    /** BLOCK mode and at least one banned phrase: the text must not be sent or stored. */
    public boolean blocked() {
        return TextPolicy.Mode.BLOCK.name().equals(mode) && !banned().isEmpty();
    }

    /**
     * The refusal of a blocked text: 422 {@code banned-phrase}, one field per phrase with its
     * replacement. Services throw it (or their own form of it) before storing anything.
     */
    public ProblemException problem() {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "banned-phrase",
                "The text contains phrases not to use with customers (§12.1): "
                        + banned().stream().map(Hit::phrase).toList() + "; use the recommended wording instead.",
                fields());
    }

    public List<ProblemException.FieldProblem> fields() {
        return banned().stream()
                .map(h -> new ProblemException.FieldProblem(
                        h.field(), "contains \"" + h.phrase() + "\"; say \"" + h.replacement() + "\" instead"))
                .toList();
    }
}

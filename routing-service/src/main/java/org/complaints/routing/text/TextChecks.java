package org.complaints.routing.text;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Free-text rules of the handling record: a corrective measure must be concrete, not an adjective
 * like 加强培训 (LC-10, RC-02); the phrase list is tenant policy, in simplified and traditional
 * script. Text to customers is checked by the shared §12 linter ({@code support.text}, ADR 0500).
 */
public final class TextChecks {

    private TextChecks() {}

    /** The phrases of a list a text contains, compared without case, width or punctuation differences. */
    public static List<String> phrasesIn(String text, List<String> phrases) {
        var normal = normalise(text);
        return phrases.stream().filter(p -> normal.contains(normalise(p))).toList();
    }

    /**
     * A measure is vague when, once the vague phrases and filler are taken out, almost nothing is
     * left: "加强检查,加强培训" is vague, "校准周期从12个月改为3个月" is not.
     */
    public static boolean isVague(String measure, List<String> vaguePhrases) {
        var rest = normalise(measure);
        for (var phrase : vaguePhrases) {
            rest = rest.replace(normalise(phrase), "");
        }
        rest = rest.replaceAll("(和|与|及|并|等|工作|员工|人员|的|要|and|the|of|to|more|staff|employees)", "");
        return rest.codePointCount(0, rest.length()) < 4;
    }

    private static String normalise(String text) {
        var folded = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\p{P}\\p{S}\\s…]+", "");
    }
}

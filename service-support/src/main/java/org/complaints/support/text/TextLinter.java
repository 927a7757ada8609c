package org.complaints.support.text;

import java.util.Map;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;

/** The §12 linter with each tenant's phrase policy ({@link TextPolicy}, ADR 0500); one bean per service. */
public class TextLinter {

    /** The tenant overrides' key and the dictionary every preset shares. */
    static final String SECTION = "texts";

    static final String DICTIONARY = "/texts/phrases.yml";

    private final TenantPolicies<TextPolicy> policies;

    public TextLinter(TenantDirectory tenants) {
        this.policies = new TenantPolicies<>(tenants, SECTION, TextPolicy.class, preset -> DICTIONARY);
    }

    public TextPolicy policy(String tenant) {
        return policies.of(tenant);
    }

    public TextCheck check(String tenant, String field, String text) {
        return PhraseLinter.check(policy(tenant), field, text, false);
    }

    public TextCheck check(String tenant, Map<String, String> texts, boolean liabilityEstablished) {
        return PhraseLinter.check(policy(tenant), texts, liabilityEstablished);
    }

    /** Checks a text and throws the 422 refusal when the tenant blocks what it found; else the result to store. */
    public TextCheck require(String tenant, String field, String text) {
        var check = check(tenant, field, text);
        if (check.blocked()) {
            throw check.problem();
        }
        return check;
    }
}

package org.complaints.intake.classification;

/** Facts stated at intake that decide the level (CL-02); each maps to one sourced criterion. */
public enum Circumstance {
    /** CL-02.1 personal injury. */
    PERSONAL_INJURY,
    /** CL-02.1 property damage to the customer or the company. */
    PROPERTY_DAMAGE,
    /** CL-02.1 financial damage. */
    FINANCIAL_LOSS,
    /** CL-02.2 serious service violation. */
    SERIOUS_SERVICE_VIOLATION,
    /** CL-02.3 media, association, regulator or court involved. */
    EXTERNAL_PARTY_INVOLVED,
    /** CL-02.3 the customer threatens media or authorities. */
    EXTERNAL_PARTY_THREATENED,
    /** CL-02.3 risk of becoming a channel complaint. */
    CHANNEL_COMPLAINT_RISK,
    /** CL-02.4 legal-dispute risk. */
    LEGAL_RISK,
    /** CL-02.5 several customers, same issue. */
    GROUP_COMPLAINT,
    /** CL-02.6 irreversible loss or injury through the product or service. */
    IRREVERSIBLE_LOSS,
    /** CL-02 URGENT: the customer demands resolution by a deadline. */
    DEADLINE_DEMANDED,
    /** Level I: a pure service need (delivery, installation, repair...) with no dissatisfaction. */
    SERVICE_NEED_ONLY
}

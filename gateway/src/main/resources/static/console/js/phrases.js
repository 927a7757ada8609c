// §12 findings while staff type (ADR 0500): the tenant's phrase rules from GET /reference/cases,
// matched as the server matches them (ignoring case, width, whitespace and punctuation). The
// server's check when the text is sent stays the authority.
const normalise = (text) => (text || '').normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s…]+/gu, '');

/** Banned phrases in the text, each with its replacement; liability wording while not established. */
export function findings(text, texts, liabilityEstablished) {
  const normal = normalise(text);
  if (!normal || !texts) return [];
  const contains = (phrase) => normalise(phrase) !== '' && normal.includes(normalise(phrase));
  const hits = [];
  for (const banned of texts.banned || []) {
    const form = (banned.forms || []).find(contains);
    if (form) hits.push({ phrase: form, replacement: banned.replacement });
  }
  if (!liabilityEstablished) {
    for (const phrase of (texts.liability || []).filter(contains)) {
      hits.push({ phrase, replacement: (texts.apologies || [])[0] });
    }
  }
  return hits;
}

// One small form per case step the console offers; each posts the step's public endpoint
// (POST /cases/{id}/<step>; the complaint's validity goes to intake) and shows the server's problem
// detail when it is refused.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { findings } from '../phrases.js';
import { field, h, problemBox, toast } from '../ui.js';

const input = (name, attrs = {}) => h('input', { name, ...attrs });
const area = (name, attrs = {}) => h('textarea', { name, rows: 2, ...attrs });
const CONTACT_CHANNELS = ['PHONE', 'SMS', 'VISIT', 'WECHAT', 'EMAIL'];
const LETTER_SECTIONS = ['receipt', 'mistake', 'explanation', 'adjustmentHow', 'adjustmentWhen', 'nonRecurrence', 'apology'];

function select(name, values, labels = values) {
  return h('select', { name }, values.map((v, i) => h('option', { value: v }, labels[i])));
}

/** The step's form, or null when the console has none for it. */
export function stepForm(action, kase, rules, reference, reload) {
  const build = FORMS[action];
  if (!build) return null;
  const [path, fields, body] = build(kase, rules, reference);
  return actionForm(t('step.' + action), fields,
    (data, form) => api.post(`/cases/${encodeURIComponent(kase.caseId)}/${path}`, body(data, form)), reload);
}

/**
 * A form whose submit sends what {@code send} posts, then reloads the page; a refusal shows as the
 * server's problem detail under the form. The button says the label unless told otherwise.
 */
export function actionForm(label, fields, send, reload, button = label) {
  const out = h('div', { class: 'out' });
  const form = h('form', { class: 'step', 'aria-label': label, onsubmit: async (e) => {
    e.preventDefault();
    out.replaceChildren();
    try {
      await send(Object.fromEntries(new FormData(form).entries()), form);
      toast(`${label}: ${t('saved')}`);
      await reload();
    } catch (error) {
      out.append(problemBox(error));
    }
  } }, h('h3', {}, label), fields, h('button', { type: 'submit' }, button), out);
  return form;
}

/** The statements of a case waiting for PR approval (CM-15). */
export const awaitingApproval = (kase) => (kase.messages || []).filter((m) => m.status === 'AWAITING_APPROVAL');

const reasonOnly = (path) => () => [path, [field(t('reason'), input('reason'))], (d) => (d.reason ? { reason: d.reason } : {})];

const FORMS = {
  ACCEPT: () => ['acceptance', [], () => ({})],
  HAND_OVER: reasonOnly('hand-over'),
  URGE: reasonOnly('urgings'),
  INVESTIGATE: reasonOnly('investigation'),
  CLOSE: reasonOnly('closure'),
  REOPEN: reasonOnly('reopening'),
  ASSIGN: (kase, rules, reference) => {
    const units = reference.departments?.units || {};
    const departments = Object.keys(units);
    const dept = select('department', ['', ...departments], ['—', ...departments.map((d) => `${units[d].unit} (${d})`)]);
    return ['assignment', [field(t('person'), input('person')), field(t('department'), dept), field(t('reason'), input('reason'))],
      (d) => clean({ person: d.person, department: d.department, reason: d.reason })];
  },
  PROPOSE: reasonOnly('solution'),
  OFFER: reasonOnly('offer'),
  AGREE: reasonOnly('agreement'),
  IMPLEMENT: reasonOnly('implementation'),
  ACCEPT_LIABILITY: reasonOnly('liability'),
  RAISE_LEVEL: (kase, rules, reference) => {
    const levels = (reference.levels || []).filter((l) => l.level !== kase.level);
    return ['level', [field(t('level'), select('level', levels.map((l) => l.level), levels.map((l) => `${l.name} (${l.level})`))),
      field(t('reason'), input('reason', { required: true }))], (d) => clean({ level: d.level, reason: d.reason })];
  },
  FLAG: (kase, rules, reference) => {
    const flags = Object.keys(reference.flags || {});
    return ['flags', [field(t('flag'), select('flag', flags)), field(t('reason'), input('reason'))],
      (d) => clean({ flag: d.flag, reason: d.reason })];
  },
  SAFETY_ALERT: () => ['safety-alerts', [field(t('note'), area('note', { required: true }))], (d) => ({ note: d.note })],
  PARAPHRASE: () => ['paraphrases', [field(t('paraphrase'), area('text', { required: true })),
    field(t('confirmed'), input('confirmed', { type: 'checkbox', value: 'true' })), field(t('note'), input('note'))],
  (d) => clean({ text: d.text, confirmed: d.confirmed === 'true', note: d.note })],
  CONTACT: contactForm,
  LOG_CONTACT: contactForm,
  ESCALATE: () => ['escalations', [field(t('to'), input('to', { placeholder: 'role:…' })), field(t('reason'), input('reason'))],
    (d) => clean({ to: d.to, reason: d.reason })],
  MESSAGE: (kase, rules, reference) => {
    const text = area('text', { required: true });
    const warning = h('p', { class: 'warn', 'aria-live': 'polite' });
    const texts = reference.texts;
    text.addEventListener('input', () => {
      const hits = findings(text.value, texts, Boolean(kase.liability));
      warning.textContent = hits.length
        ? `${t('findings')}: ${hits.map((x) => x.phrase + (x.replacement ? ' → ' + x.replacement : '')).join('; ')}`
          + (texts.mode === 'BLOCK' ? ` (${t('blocked')})` : '')
        : '';
    });
    return ['messages', [field(t('message'), text), warning, h('p', { class: 'muted' }, t('phrasesNote'))],
      (d) => ({ text: d.text })];
  },
  LETTER: (kase, rules, reference) => {
    // CM-16: six sections, the mistake admitted only once liability is accepted; phrases checked as one types.
    const sections = LETTER_SECTIONS.map((name) =>
      area(name, { required: name !== 'mistake' || Boolean(kase.liability) }));
    const warning = h('p', { class: 'warn', 'aria-live': 'polite' });
    const check = () => {
      const hits = sections.flatMap((s) => findings(s.value, reference.texts, Boolean(kase.liability)));
      warning.textContent = hits.length
        ? `${t('findings')}: ${hits.map((x) => x.phrase + (x.replacement ? ' → ' + x.replacement : '')).join('; ')}` : '';
    };
    sections.forEach((s) => s.addEventListener('input', check));
    return ['letters', [...sections.map((s) => field(t('letter.' + s.name), s)), warning,
      kase.liability ? null : h('p', { class: 'muted' }, t('mistakeNote')), field(t('reason'), input('reason'))],
    (d) => clean({ letter: clean(Object.fromEntries(LETTER_SECTIONS.map((name) => [name, d[name]]))), reason: d.reason })];
  },
  APPROVE_STATEMENT: (kase) => {
    const waiting = awaitingApproval(kase);
    const statement = select('messageId', waiting.map((m) => m.id),
      waiting.map((m) => `${m.by || ''} · ${(m.text || '').slice(0, 40)}`));
    return ['statement-approvals', [field(t('statement'), statement),
      field(t('decision'), select('decision', ['APPROVE', 'REJECT'], [t('approve'), t('reject')])),
      field(t('reason'), input('reason'))], (d) => clean({ messageId: d.messageId, decision: d.decision, reason: d.reason })];
  },
  RESOLVE: (kase, rules) => {
    const measure = area('action', { required: true });
    const warning = h('p', { class: 'warn', 'aria-live': 'polite' });
    const vague = rules.vagueMeasures || [];
    measure.addEventListener('input', () => {
      const text = measure.value.toLowerCase();
      const hits = vague.filter((p) => text.includes(p.toLowerCase()));
      warning.textContent = hits.length ? `${t('vague')}: ${hits.join(', ')}` : '';
    });
    const due = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
    return ['resolution', [
      field(t('rootCause'), area('rootCause', { required: true })),
      field(t('rootCauseCode'), input('rootCauseCode')),
      field(t('defectCorrection'), area('defectCorrection', { required: true })),
      field(t('measure'), measure), warning,
      field(t('measureOwner'), input('owner', { required: true })),
      field(t('measureDue'), input('dueDate', { type: 'date', value: due, required: true })),
      field(t('rework'), input('rework', { type: 'checkbox', value: 'true' })),
    ], (d) => ({ resolution: clean({
      rootCause: d.rootCause, rootCauseCode: d.rootCauseCode, defectCorrection: d.defectCorrection,
      rework: d.rework === 'true' || undefined,
      longTermMeasure: { action: d.action, owner: d.owner, dueDate: d.dueDate },
    }) })];
  },
};

/** Completing an open task the user or the user's role owns (POST /cases/{id}/tasks/{taskId}/completion). */
export function taskForm(kase, task, reload) {
  return actionForm(`${t('completeTask')}: ${task.task}`, [field(t('evidence'), area('evidence', { required: true }))],
    (d) => api.post(`/cases/${encodeURIComponent(kase.caseId)}/tasks/${encodeURIComponent(task.id)}/completion`,
      { evidence: d.evidence }), reload, t('completeTask'));
}

/**
 * LC-31: whether the complaint is valid, decided in intake (POST /complaints/{id}/validity); not
 * established needs a reason and a tactful reply, and closes the case once routing hears of it.
 */
export function validityForm(kase, reload) {
  const valid = select('valid', ['true', 'false'], [t('valid'), t('notEstablished')]);
  const reply = area('reply');
  valid.addEventListener('change', () => (reply.required = valid.value === 'false'));
  return actionForm(t('validity'), [field(t('validQ'), valid), field(t('reason'), input('reason')),
    field(t('reply'), reply), h('p', { class: 'muted' }, t('validityNote'))],
  (d) => api.post(`/complaints/${encodeURIComponent(kase.complaintId)}/validity`,
    clean({ valid: d.valid === 'true', reason: d.reason, reply: d.reply })), reload);
}

function contactForm() {
  return ['contacts', [field(t('channel'), select('channel', CONTACT_CHANNELS)), field(t('note'), area('note'))],
    (d) => clean({ channel: d.channel, note: d.note })];
}

function clean(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== ''));
}

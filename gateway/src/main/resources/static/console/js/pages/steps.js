// One small form per case step the console offers; each posts the step's public endpoint
// (POST /cases/{id}/<step>) and shows the server's problem detail when it is refused.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { findings } from '../phrases.js';
import { field, h, problemBox, toast } from '../ui.js';

const input = (name, attrs = {}) => h('input', { name, ...attrs });
const area = (name, attrs = {}) => h('textarea', { name, rows: 2, ...attrs });
const CONTACT_CHANNELS = ['PHONE', 'SMS', 'VISIT', 'WECHAT', 'EMAIL'];

function select(name, values, labels = values) {
  return h('select', { name }, values.map((v, i) => h('option', { value: v }, labels[i])));
}

/** The step's form, or null when the console has none for it. */
export function stepForm(action, kase, rules, reference, reload) {
  const build = FORMS[action];
  if (!build) return null;
  const [path, fields, body] = build(kase, rules, reference);
  const out = h('div', { class: 'out' });
  const label = t('step.' + action);
  const form = h('form', { class: 'step', 'aria-label': label, onsubmit: async (e) => {
    e.preventDefault();
    out.replaceChildren();
    const data = Object.fromEntries(new FormData(form).entries());
    try {
      await api.post(`/cases/${encodeURIComponent(kase.caseId)}/${path}`, body(data, form));
      toast(`${label}: ${t('saved')}`);
      await reload();
    } catch (error) {
      out.append(problemBox(error));
    }
  } }, h('h3', {}, label), fields, h('button', { type: 'submit' }, label), out);
  return form;
}

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
  const out = h('div', { class: 'out' });
  const label = `${t('completeTask')}: ${task.task}`;
  const evidence = area('evidence', { required: true });
  const form = h('form', { class: 'step', 'aria-label': label, onsubmit: async (e) => {
    e.preventDefault();
    out.replaceChildren();
    try {
      await api.post(`/cases/${encodeURIComponent(kase.caseId)}/tasks/${encodeURIComponent(task.id)}/completion`, { evidence: evidence.value });
      toast(`${label}: ${t('saved')}`);
      await reload();
    } catch (error) {
      out.append(problemBox(error));
    }
  } }, h('h3', {}, label), field(t('evidence'), evidence), h('button', { type: 'submit' }, t('completeTask')), out);
  return form;
}

function contactForm() {
  return ['contacts', [field(t('channel'), select('channel', CONTACT_CHANNELS)), field(t('note'), area('note'))],
    (d) => clean({ channel: d.channel, note: d.note })];
}

function clean(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== ''));
}

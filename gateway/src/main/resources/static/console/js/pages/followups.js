// Follow-ups for today: open follow-up tasks the user may work, due today or overdue first; an
// unreached call is recorded as an attempt, a reached one with its outcome (satisfaction, solved).
import { api, cached } from '../api.js';
import { t } from '../i18n.js';
import { field, h, loading, problemBox, section, shortId, toast, when } from '../ui.js';

const OPEN = ['PLANNED', 'OVERDUE', 'DUE'];

export async function render(main, { user }) {
  main.append(h('h1', {}, t('followUpsToday')));
  const today = section(t('dueToday'), loading());
  const later = section(t('later'));
  main.append(today, later);
  try {
    const [list, reference] = await Promise.all([
      api.get('/follow-ups'), cached('/reference/follow-ups').catch(() => ({ scaleMax: 5, contactChannels: ['PHONE'] })),
    ]);
    const open = list.filter((f) => OPEN.includes(f.status) && !f.outcome)
      .sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt));
    const end = new Date();
    end.setHours(23, 59, 59, 999);
    const rerender = async () => {
      main.replaceChildren();
      await render(main, { user });
    };
    const now = open.filter((f) => new Date(f.dueAt) <= end);
    const rest = open.filter((f) => new Date(f.dueAt) > end);
    today.replaceChildren(today.firstChild, now.length ? h('ul', { class: 'followups' }, now.map((f) => item(f, reference, rerender))) : h('p', {}, t('empty')));
    later.append(rest.length ? h('ul', { class: 'followups' }, rest.map((f) => item(f, reference, rerender))) : h('p', {}, t('empty')));
  } catch (error) {
    today.append(problemBox(error));
  }
}

function item(f, reference, rerender) {
  const name = `${f.type} · ${t('caseTitle')} ${shortId(f.caseId)}`;
  const out = h('div', { class: 'out' });
  const channel = h('select', { name: 'channel' }, reference.contactChannels.map((c) => h('option', { value: c }, c)));
  const satisfaction = h('select', { name: 'satisfaction' },
    Array.from({ length: reference.scaleMax }, (_, i) => reference.scaleMax - i).map((v) => h('option', { value: v }, String(v))));
  const solved = h('input', { name: 'resolved', type: 'checkbox', checked: true });
  const comment = h('textarea', { name: 'comment', rows: 2 });
  const send = async (path, body) => {
    out.replaceChildren();
    try {
      await api.post(`/follow-ups/${encodeURIComponent(f.followUpId)}/${path}`, body);
      toast(t('saved'));
      await rerender();
    } catch (error) {
      out.append(problemBox(error));
    }
  };
  const outcome = h('form', { class: 'outcome', 'aria-label': `${t('saveOutcome')}: ${name}`, onsubmit: (e) => {
    e.preventDefault();
    send('outcome', { channel: channel.value, satisfaction: Number(satisfaction.value), resolved: solved.checked,
      ...(comment.value ? { comment: comment.value } : {}) });
  } }, field(t('channel'), channel), field(t('satisfaction'), satisfaction), field(t('resolvedQ'), solved),
  field(t('comment'), comment), h('button', { type: 'submit' }, t('saveOutcome')));
  return h('li', { class: 'card-row', 'aria-label': name },
    h('div', { class: 'line' }, h('strong', {}, f.type), ' · ',
      h('a', { href: `#/case/${encodeURIComponent(f.caseId)}` }, `${t('caseTitle')} ${shortId(f.caseId)}`),
      ` · ${f.status} · ${t('due')} ${when(f.dueAt)} · ${t('attempts')}: ${(f.attempts || []).length}`),
    h('div', { class: 'line' },
      h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('notReached')}: ${name}`,
        onclick: () => send('attempts', { reached: false, channel: channel.value }) }, t('notReached'))),
    outcome, out);
}

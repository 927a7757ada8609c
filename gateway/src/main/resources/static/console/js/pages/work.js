// My work: the open cases the user owns in person or through a role (GET /cases?owner=me, read by
// key: ADR 0601), the user's open tasks, and open cases of complaints the user received lately,
// nearest deadline first, each with a live countdown; unread notifications.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { countdown, h, levelBadge, loading, problemBox, section, shortId, stateTag, toast, when } from '../ui.js';
import { OPEN_STATES, all, nextDeadline, policy } from './common.js';

export async function render(main, { user }) {
  main.append(h('h1', {}, t('myWork')));
  const work = section(t('myCases'), loading());
  const notes = section(t('notifications'), loading());
  main.append(work, notes);
  const rules = await policy(user);
  try {
    const [cases, tasks, complaints] = await Promise.all([
      all('/cases?owner=me&limit=100'),
      all('/tasks?status=OPEN&limit=100').catch(() => []),
      api.get('/complaints?limit=100').then((page) => page.items || []).catch(() => []),
    ]);
    const received = await receivedCases(complaints, user, new Set(cases.map((c) => c.caseId)));
    const rows = [...cases.map((kase) => caseRow(kase, true)), ...received.map((kase) => caseRow(kase, false))];
    const byId = new Map([...cases, ...received].map((c) => [c.caseId, c]));
    for (const item of tasks) {
      const task = item.task;
      rows.push({ kase: byId.get(item.caseId), caseId: item.caseId, task, due: task.dueAt,
        what: `${task.task} (${task.rule})`, start: task.createdAt, owned: true });
    }
    rows.sort((a, b) => (a.due ? new Date(a.due) : Infinity) - (b.due ? new Date(b.due) : Infinity));
    work.replaceChildren(work.firstChild, rows.length ? table(rows, rules) : h('p', {}, t('empty')));
  } catch (error) {
    work.append(problemBox(error));
  }
  await notifications(notes);
}

function caseRow(kase, owned) {
  const deadline = nextDeadline(kase);
  return { kase, due: deadline?.dueAt, what: deadline ? `${deadline.clock} (${deadline.rule})` : '',
    start: kase.receivedAt, breached: deadline?.status === 'BREACHED', owned };
}

/**
 * Open cases of complaints the user received and someone else owns, among the newest 100 complaints
 * in the user's scope (one read), each case read by id. Older ones are not looked for: the cases
 * the user owns come by key above, these are only a reminder.
 */
async function receivedCases(complaints, user, owned) {
  const ids = complaints.filter((c) => c.receiver === user.user && c.routing?.caseId
    && OPEN_STATES(c.caseState) && !owned.has(c.routing.caseId)).map((c) => c.routing.caseId);
  const found = await Promise.all(ids.map((id) => api.get(`/cases/${encodeURIComponent(id)}`).catch(() => null)));
  return found.filter((kase) => kase && OPEN_STATES(kase.state));
}

function table(rows, rules) {
  return h('ul', { class: 'work', 'aria-label': t('myCases') }, rows.map((row) => {
    const kase = row.kase;
    const caseId = kase?.caseId || row.caseId;
    const title = row.task ? `${t('task')}: ${row.what}` : (kase.complaintSummary || row.what);
    const mark = row.breached ? 'breached' : '';
    return h('li', { class: `work-item ${mark}`, 'data-case': caseId },
      h('div', { class: 'line' },
        kase ? levelBadge(kase.level, rules.levelNames) : null,
        h('a', { href: `#/case/${encodeURIComponent(caseId)}`, 'aria-label': `${t('caseTitle')} ${shortId(caseId)} ${row.task ? row.what : ''}`.trim() },
          `${t('caseTitle')} ${shortId(caseId)}`),
        kase ? stateTag(kase.state) : null,
        row.owned ? null : h('span', { class: 'tag' }, t('receivedByMe'))),
      h('div', { class: 'line muted' },
        h('span', {}, title), kase ? h('span', {}, `${t('site')}: ${kase.site}`) : null,
        kase ? h('span', {}, `${t('owner')}: ${kase.owner}`) : null),
      row.due ? h('div', { class: 'line' }, h('span', {}, `${t('deadline')} ${when(row.due)}`),
        countdown(row.due, row.start, rules.atRiskShare ?? 0.8, row.breached)) : null);
  }));
}

async function notifications(box) {
  try {
    const items = (await all('/notifications?limit=50')).filter((n) => !n.read);
    const list = h('ul', { class: 'notes', 'aria-label': t('notifications') }, items.map((n) => {
      const li = h('li', {},
        h('span', { class: 'muted' }, when(n.createdAt)), ' ',
        n.caseId ? h('a', { href: `#/case/${encodeURIComponent(n.caseId)}` }, n.text) : h('span', {}, n.text), ' ',
        h('button', { type: 'button', 'aria-label': `${t('markRead')}: ${n.text}`, onclick: async () => {
          try {
            await api.post(`/notifications/${encodeURIComponent(n.id)}/read`, {});
            li.remove();
            toast(t('saved'));
          } catch (error) {
            li.append(problemBox(error));
          }
        } }, t('markRead')));
      return li;
    }));
    box.replaceChildren(box.firstChild, items.length ? list : h('p', {}, t('empty')));
  } catch (error) {
    box.append(problemBox(error));
  }
}

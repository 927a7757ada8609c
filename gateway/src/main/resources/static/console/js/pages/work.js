// My work: the cases and tasks the user or the user's role owns (and open cases of complaints the
// user received), nearest deadline first, each with a live countdown; unread notifications.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { countdown, h, levelBadge, loading, problemBox, section, toast, when } from '../ui.js';
import { OPEN_STATES, all, mine, nextDeadline, policy } from './common.js';

export async function render(main, { user }) {
  main.append(h('h1', {}, t('myWork')));
  const work = section(t('myCases'), loading());
  const notes = section(t('notifications'), loading());
  main.append(work, notes);
  const rules = await policy(user);
  try {
    const [cases, tasks, received] = await Promise.all([
      all('/cases?limit=100'),
      all('/tasks?status=OPEN&limit=100').catch(() => []),
      all('/complaints?limit=100').catch(() => []),
    ]);
    const receivedCases = new Set(received.filter((c) => c.receiver === user.user && c.routing?.caseId)
      .map((c) => c.routing.caseId));
    const rows = [];
    for (const kase of cases) {
      if (!OPEN_STATES(kase.state)) continue;
      const owned = mine(kase.owner, user);
      if (!owned && !receivedCases.has(kase.caseId)) continue;
      const deadline = nextDeadline(kase);
      rows.push({ kase, due: deadline?.dueAt, what: deadline ? `${deadline.clock} (${deadline.rule})` : '',
        start: kase.receivedAt, breached: deadline?.status === 'BREACHED', owned });
    }
    const byId = new Map(cases.map((c) => [c.caseId, c]));
    for (const item of tasks) {
      const task = item.task;
      if (task.status !== 'OPEN' || !mine(task.owner, user)) continue;
      rows.push({ kase: byId.get(item.caseId), caseId: item.caseId, task, due: task.dueAt,
        what: `${task.task} (${task.rule})`, start: task.createdAt, owned: true });
    }
    rows.sort((a, b) => (a.due ? new Date(a.due) : Infinity) - (b.due ? new Date(b.due) : Infinity));
    work.replaceChildren(work.firstChild, rows.length ? table(rows, rules, user) : h('p', {}, t('empty')));
  } catch (error) {
    work.append(problemBox(error));
  }
  await notifications(notes);
}

function table(rows, rules, user) {
  return h('ul', { class: 'work', 'aria-label': t('myCases') }, rows.map((row) => {
    const kase = row.kase;
    const caseId = kase?.caseId || row.caseId;
    const title = row.task ? `${t('task')}: ${row.what}` : (kase.complaintSummary || row.what);
    const mark = row.breached ? 'breached' : '';
    return h('li', { class: `work-item ${mark}`, 'data-case': caseId },
      h('div', { class: 'line' },
        kase ? levelBadge(kase.level, rules.levelNames) : null,
        h('a', { href: `#/case/${encodeURIComponent(caseId)}`, 'aria-label': `${t('caseTitle')} ${caseId.slice(0, 8)} ${row.task ? row.what : ''}`.trim() },
          `${t('caseTitle')} ${caseId.slice(0, 8)}`),
        h('span', { class: 'state' }, kase ? kase.state : ''),
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

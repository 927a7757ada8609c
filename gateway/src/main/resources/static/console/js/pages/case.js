// A case: the complaint as filed, linked complaints with their open promises, the timeline (audit,
// clocks, escalations), the steps the signed-in user may take now, messages, compensation options
// and follow-ups. Steps shown are the case's allowedActions that the tenant's permissions give one
// of the user's roles (or the owner); the others are not shown at all. The server decides anyway.
import { api, cached } from '../api.js';
import { t, term } from '../i18n.js';
import { countdown, h, levelBadge, loading, money, problemBox, section, shortId, stateTag, when } from '../ui.js';
import { allows, mine, nextDeadline, policy } from './common.js';
import { compensations } from './compensation.js';
import { awaitingApproval, stepForm, taskForm, validityForm } from './steps.js';

export async function render(main, { user, args }) {
  const caseId = args[0];
  main.append(loading());
  let kase;
  try {
    kase = await api.get(`/cases/${encodeURIComponent(caseId)}`);
  } catch (error) {
    main.replaceChildren(problemBox(error));
    return;
  }
  const rules = await policy(user);
  main.replaceChildren();
  const reload = async () => {
    main.replaceChildren();
    await render(main, { user, args });
  };
  const deadline = nextDeadline(kase);
  main.append(h('h1', {}, `${t('caseTitle')} ${shortId(kase.caseId)}`),
    h('div', { class: 'summary' },
      levelBadge(kase.level, rules.levelNames),
      stateTag(kase.state, { 'aria-label': `${t('state')}: ${term('state', kase.state)}` }),
      h('span', {}, `${t('owner')}: ${kase.owner}`),
      h('span', {}, `${t('site')}: ${kase.site}`),
      h('span', {}, `${t('round')}: ${kase.round}`),
      deadline ? countdown(deadline.dueAt, kase.receivedAt, rules.atRiskShare ?? 0.8, deadline.status === 'BREACHED') : null));
  main.append(await steps(kase, user, rules, reload));
  main.append(await complaint(kase));
  main.append(timeline(kase));
  main.append(messages(kase));
  main.append(await compensations(kase, user, reload));
  main.append(await followUps(kase));
}

/** allowedActions ∩ what the tenant's permissions give this user (a role, the owner, or anyone). */
export function permitted(kase, user, permissions) {
  return (kase.allowedActions || []).filter((action) => {
    const roles = permissions?.[action];
    return allows(roles, user) || Boolean(roles?.includes('owner') && mine(kase.owner, user));
  });
}

/**
 * LC-31 is decided in intake (its VALIDITY permission, GET /reference/complaints) while the case
 * still allows routing's VALIDATE or NOT_ESTABLISHED and its validity is PENDING.
 */
async function mayJudgeValidity(kase, user) {
  const open = (kase.allowedActions || []).some((a) => a === 'VALIDATE' || a === 'NOT_ESTABLISHED');
  if (!open || (kase.validity && kase.validity !== 'PENDING')) return false;
  const reference = await cached('/reference/complaints').catch(() => ({}));
  return allows(reference.permissions?.VALIDITY, user);
}

async function steps(kase, user, rules, reload) {
  const box = section(t('steps'));
  let permissions = rules.permissions;
  if (!permissions) {
    const reference = await cached('/reference/cases');
    permissions = Object.fromEntries(reference.steps.map((s) => [s.permission, s.roles]));
  }
  const reference = await cached('/reference/cases').catch(() => ({ steps: [] }));
  // A statement decision is offered only while one waits for it (CM-15).
  const actions = permitted(kase, user, permissions)
    .filter((a) => a !== 'APPROVE_STATEMENT' || awaitingApproval(kase).length);
  const shown = [];
  const other = [];
  if (await mayJudgeValidity(kase, user)) shown.push(validityForm(kase, reload));
  for (const action of actions) {
    const form = stepForm(action, kase, rules, reference, reload);
    if (form) shown.push(form);
    else other.push(action);
  }
  for (const task of kase.tasks || []) {
    if (task.status === 'OPEN' && mine(task.owner, user)) shown.push(taskForm(kase, task, reload));
  }
  box.append(shown.length ? h('div', { class: 'steps' }, shown) : h('p', {}, t('noSteps')));
  if (other.length) box.append(h('p', { class: 'muted' }, `${t('otherSteps')}: ${other.map((a) => term('step', a)).join(', ')}`));
  return box;
}

async function complaint(kase) {
  const box = section(t('complaintAsFiled'));
  try {
    const c = await api.get(`/complaints/${encodeURIComponent(kase.complaintId)}`);
    box.append(h('dl', { class: 'facts' },
      h('dt', {}, t('channel')), h('dd', {}, c.channel),
      h('dt', {}, t('receivedAt')), h('dd', {}, when(c.receivedAt)),
      h('dt', {}, t('customer')), h('dd', {}, c.customer?.name || ''),
      h('dt', {}, t('content')), h('dd', {}, c.content),
      h('dt', {}, t('demand')), h('dd', {}, c.demand ? `${c.demand.kind || ''} ${c.demand.text || ''} ${money(c.demand.amount)}` : '—')));
    // Linked complaints (same customer or order) and what was committed on them: open promises
    // and agreements (earlierCommitments), then this complaint's own promises.
    const linked = c.linkedComplaints || [];
    const commitments = c.earlierCommitments || [];
    if (linked.length || commitments.length) {
      box.append(h('h3', {}, t('linked')), h('ul', { 'aria-label': t('linked') }, linked.map((id) => {
        const own = commitments.filter((m) => m.complaintId === id);
        return h('li', {}, h('span', { class: 'state' }, shortId(id)),
          own.length ? h('ul', {}, own.map((m) => h('li', {},
            `${m.kind === 'AGREEMENT' ? t('agreements') : t('promises')}: ${m.description || ''} · ${m.status || ''}`
            + `${m.dueAt ? ' · ' + t('due') + ' ' + when(m.dueAt) : ''}${m.owner ? ' · ' + m.owner : ''}`))) : null);
      })));
    }
    const promises = await api.get(`/complaints/${encodeURIComponent(kase.complaintId)}/promises`).catch(() => []);
    const open = promises.filter((p) => p.status === 'OPEN');
    if (open.length) {
      box.append(h('h3', {}, t('promises')), h('ul', { 'aria-label': t('promises') }, open.map((p) =>
        h('li', {}, `${p.text} · ${t('due')} ${when(p.dueAt)} · ${p.owner}`))));
    }
  } catch (error) {
    box.append(problemBox(error));
  }
  return box;
}

function timeline(kase) {
  const entries = [
    ...(kase.audit || []).map((a) => ({ at: a.at, text: `${term('step', a.action)} ${a.from ? term('state', a.from) : ''}`
      + ` → ${a.to ? term('state', a.to) : ''} · ${a.by}${a.reason ? ' · ' + a.reason : ''}` })),
    ...(kase.escalations || []).map((e) => ({ at: e.at, text: `${t('escalations')}: ${e.rule || ''} ${e.kind || ''} ${e.clock || ''} → ${e.to || ''}${e.reason ? ' · ' + e.reason : ''}` })),
  ].sort((a, b) => new Date(a.at) - new Date(b.at));
  const box = section(t('timeline'), h('ol', { class: 'timeline' }, entries.map((e) =>
    h('li', {}, h('time', { datetime: e.at }, when(e.at)), ' ', e.text))));
  box.append(h('h3', {}, t('clocks')), h('table', {},
    h('thead', {}, h('tr', {}, [t('deadline'), t('due'), t('status'), t('round')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, (kase.deadlines || []).map((d) => h('tr', { class: d.status === 'BREACHED' ? 'breached' : '' },
      h('td', {}, `${d.clock} (${d.rule})${d.assumed ? ' *' : ''}`), h('td', {}, when(d.dueAt)),
      h('td', {}, d.status), h('td', {}, d.round))))));
  if ((kase.tasks || []).length) {
    box.append(h('h3', {}, t('tasks')), h('table', {},
      h('thead', {}, h('tr', {}, [t('task'), t('owner'), t('due'), t('status')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, kase.tasks.map((task) => h('tr', {},
        h('td', {}, `${task.task} (${task.rule})`), h('td', {}, task.owner), h('td', {}, when(task.dueAt)),
        h('td', {}, task.status + (task.completedBy ? ` · ${task.completedBy}` : '')))))));
  }
  return box;
}

function messages(kase) {
  const box = section(t('messages'));
  box.append(h('ul', { class: 'messages', 'aria-label': t('messages') }, (kase.messages || []).map((m) => {
    const hits = m.check?.hits || m.bannedHits || [];
    return h('li', {}, h('span', { class: 'muted' }, `${when(m.at)} ${m.by || ''}`), ' ',
      m.status && m.status !== 'SENT' ? h('span', { class: 'tag', title: m.status }, t('msg.' + m.status)) : null, ' ', m.text,
      hits.length ? h('div', { class: 'warn' }, `${t('findings')}: `,
        hits.map((x) => `${x.phrase || x}${x.replacement ? ' → ' + x.replacement : ''}`).join('; ')) : null);
  })));
  return box;
}

async function followUps(kase) {
  const box = section(t('followUps'));
  try {
    const list = await api.get(`/follow-ups?caseId=${encodeURIComponent(kase.caseId)}`);
    box.append(list.length ? h('ul', {}, list.map((f) => h('li', {},
      `${f.type} · ${f.status} · ${t('due')} ${when(f.dueAt)}`,
      f.outcome ? ` · ${t('satisfaction')} ${f.outcome.satisfaction ?? ''}` : ''))) : h('p', {}, t('empty')));
  } catch (error) {
    box.append(problemBox(error));
  }
  return box;
}


// Approvals inbox: options waiting for a decision the user may take, with the amount, the user's
// own authority for that kind and the site's remaining budget this month.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, loading, minor, money, problemBox, section, shortId, toast, when } from '../ui.js';

export async function render(main, { user }) {
  main.append(h('h1', {}, t('approvals')));
  const inbox = section(t('approvals'), loading());
  const budgetBox = section(t('budgets'), loading());
  main.append(inbox, budgetBox);
  const month = monthNow();
  try {
    const [pending, budgets, matrix] = await Promise.all([
      api.get('/compensations/approvals/pending'),
      api.get(`/budgets?month=${month}`).catch(() => []),
      api.get('/authority-matrix').catch(() => ({ authority: {} })),
    ]);
    const bySite = new Map(budgets.map((b) => [b.site, b]));
    const authority = (kind) => Math.max(0, ...user.roles.map((r) => matrix.authority?.[r]?.[kind] ?? 0));
    const rows = pending.flatMap((c) => c.options.filter((o) => o.status === 'PENDING_APPROVAL').map((o) => ({ c, o })));
    inbox.replaceChildren(inbox.firstChild, rows.length ? h('ul', { class: 'approvals' }, rows.map(({ c, o }) => {
      const budget = bySite.get(c.site);
      const out = h('div', { class: 'out' });
      const label = `${o.kind} ${money(o.amount)} · ${t('caseTitle')} ${shortId(c.caseId)}`;
      const decide = (decision) => async () => {
        out.replaceChildren();
        try {
          await api.post(`/compensations/${encodeURIComponent(c.compensationId)}/approvals`, { optionId: o.optionId, decision });
          toast(t('saved'));
          main.replaceChildren();
          await render(main, { user });
        } catch (error) {
          out.append(problemBox(error));
        }
      };
      return h('li', { class: 'card-row', 'aria-label': label },
        h('div', { class: 'line' }, h('strong', {}, money(o.amount)), ` ${o.kind} · `,
          h('a', { href: `#/case/${encodeURIComponent(c.caseId)}` }, `${t('caseTitle')} ${shortId(c.caseId)}`)),
        h('div', { class: 'line muted' }, `${t('site')}: ${c.site} · ${t('proposer')}: ${c.proposer} · ${t('requiredRole')}: ${o.requiredRole} · ${t('approvalDue')}: ${when(o.approvalDue)}`),
        h('div', { class: 'line' }, `${t('myAuthority')}: ${authority(o.kind).toFixed(2)} ${matrix.currency || ''} · ${t('remaining')}: `,
          h('span', { class: 'remaining' }, budget ? minor(budget.remainingMinor) : '—')),
        h('div', { class: 'line' },
          h('button', { type: 'button', 'aria-label': `${t('approve')} ${label}`, onclick: decide('APPROVE') }, t('approve')),
          h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('reject')} ${label}`, onclick: decide('REJECT') }, t('reject'))),
        out);
    })) : h('p', {}, t('empty')));
    budgetBox.replaceChildren(budgetBox.firstChild, h('table', { 'aria-label': t('budgets') },
      h('caption', {}, month),
      h('thead', {}, h('tr', {}, [t('site'), t('limit'), t('spent'), t('remaining')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, budgets.map((b) => h('tr', { 'data-site': b.site },
        h('th', { scope: 'row' }, b.site), h('td', {}, minor(b.limitMinor)), h('td', {}, minor(b.spentMinor)),
        h('td', {}, minor(b.remainingMinor)))))));
  } catch (error) {
    inbox.append(problemBox(error));
  }
}

function monthNow() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

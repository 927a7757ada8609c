// A case's compensation: its remedy options with their decisions, and the forms the user's roles
// may use (GET /authority-matrix permissions): propose a remedy, record the customer's answer to an
// approved option (CP-06, CP-11) and the delivery of the agreed one (LC-35).
import { api, cached } from '../api.js';
import { t } from '../i18n.js';
import { field, h, money, problemBox, section } from '../ui.js';
import { allows } from './common.js';
import { actionForm } from './steps.js';

export async function compensations(kase, user, reload) {
  const box = section(t('compensation'));
  try {
    const [list, matrix] = await Promise.all([
      api.get(`/compensations?caseId=${encodeURIComponent(kase.caseId)}`),
      cached('/authority-matrix').catch(() => ({ permissions: {} })),
    ]);
    const may = (action) => allows(matrix.permissions?.[action], user);
    const options = list.flatMap((c) => c.options.map((o) => ({ c, o })));
    box.append(options.length ? h('table', {},
      h('thead', {}, h('tr', {}, [t('kind'), t('amount'), t('status'), t('requiredRole'), t('decisions')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, options.map(({ c, o }) => h('tr', {},
        h('td', {}, o.kind), h('td', {}, money(o.amount)), h('td', {}, o.status),
        h('td', {}, o.requiredRole || ''),
        h('td', {}, (o.decisions || []).map((d) => `${d.decision} ${d.by} ${money(d.amount)}`).join('; '),
          c.agreement?.optionId === o.optionId ? ` · ${t('agreed')}` : '',
          c.agreement?.optionId === o.optionId && c.deliveredAt ? ` · ${t('delivered')}: ${c.deliveryReference}` : ''))))) : h('p', {}, t('empty')));
    for (const c of list) {
      const approved = c.options.filter((o) => o.status === 'APPROVED');
      if (!c.agreement && approved.length && may('CONSENT')) box.append(consentForm(c, approved, reload));
      if (c.agreement && !c.deliveredAt && may('DELIVER')) box.append(deliveryForm(c, reload));
    }
    if (may('PROPOSE')) box.append(await proposeForm(kase, reload));
  } catch (error) {
    box.append(problemBox(error));
  }
  return box;
}

/** A new remedy option for the case (POST /compensations). */
async function proposeForm(kase, reload) {
  const reference = await cached('/reference/compensations').catch(() => ({ remedyKinds: [], currency: 'CNY' }));
  const kinds = reference.remedyKinds.map((k) => k.kind);
  return actionForm(t('propose'), [
    field(t('kind'), h('select', { name: 'kind' }, kinds.map((k) => h('option', { value: k }, k)))),
    field(t('amount'), h('input', { name: 'amount', type: 'number', min: '0', step: '0.01' })),
    field(t('rationale'), h('input', { name: 'rationale' })),
    field(t('customerWants'), h('input', { name: 'wants' })),
  ], (d) => {
    const option = { kind: d.kind, ...(d.rationale ? { rationale: d.rationale } : {}) };
    if (d.amount) option.amount = { amount: d.amount, currency: reference.currency || 'CNY' };
    return api.post('/compensations', {
      caseId: kase.caseId, options: [option],
      customerRequested: d.wants ? { kind: d.kind, text: d.wants } : { none: true },
    });
  }, reload);
}

/** CP-06 / CP-11: the customer takes an approved option, or declines it and says what they want instead. */
function consentForm(c, approved, reload) {
  const answer = h('select', { name: 'accepted' },
    h('option', { value: 'true' }, t('accepts')), h('option', { value: 'false' }, t('declines')));
  const wants = h('input', { name: 'customerWants' });
  const conflict = h('input', { name: 'conflict', type: 'checkbox', value: 'true' });
  const sync = () => {
    wants.required = answer.value === 'false';
    conflict.disabled = answer.value === 'true';
  };
  answer.addEventListener('change', sync);
  sync();
  return actionForm(t('consent'), [
    field(t('option'), h('select', { name: 'optionId' }, approved.map((o) =>
      h('option', { value: o.optionId }, `${o.kind} ${money(o.amount)}`)))),
    field(t('answer'), answer), field(t('wantsInstead'), wants), field(t('conflict'), conflict),
  ], (d) => api.post(`/compensations/${encodeURIComponent(c.compensationId)}/consent`, {
    optionId: d.optionId, accepted: d.accepted === 'true',
    ...(d.customerWants ? { customerWants: d.customerWants } : {}), ...(d.conflict ? { conflict: true } : {}),
  }), reload);
}

/** LC-35: the agreed remedy was delivered, with its payment or delivery reference (now, unless dated earlier). */
function deliveryForm(c, reload) {
  return actionForm(t('delivery'), [
    field(t('reference'), h('input', { name: 'reference', required: true })),
    field(t('deliveredAt'), h('input', { name: 'deliveredAt', type: 'datetime-local' })),
  ], (d) => api.post(`/compensations/${encodeURIComponent(c.compensationId)}/delivery`, {
    reference: d.reference, ...(d.deliveredAt ? { deliveredAt: new Date(d.deliveredAt).toISOString() } : {}),
  }), reload);
}

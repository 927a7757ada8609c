// A complaint filed by staff (POST /complaints, idempotent): the fields the tenant makes mandatory
// for the chosen channel (GET /reference/complaints) are marked required.
import { api, cached } from '../api.js';
import { t } from '../i18n.js';
import { field, h, problemBox, shortId, toast } from '../ui.js';

export async function render(main, { user }) {
  main.append(h('h1', {}, t('newComplaint')));
  const [reference, remedies] = await Promise.all([
    cached('/reference/complaints'), cached('/reference/compensations').catch(() => ({ remedyKinds: [] })),
  ]);
  const channels = reference.channels.map((c) => c.channel);
  const channel = h('select', { name: 'channel' }, channels.map((c) => h('option', { value: c }, c)));
  const site = h('input', { name: 'site', required: true, value: user.sites[0] || '' });
  const kinds = (remedies.remedyKinds || []).map((k) => k.kind);
  const demandKind = h('select', { name: 'demandKind' }, ['', ...kinds].map((k) => h('option', { value: k }, k || '—')));
  const vehicle = h('fieldset', { class: 'extra' }, h('legend', {}, t('vin')),
    field(t('vin'), h('input', { name: 'vin' })), field(t('plate'), h('input', { name: 'plate' })));
  const order = h('fieldset', { class: 'extra' }, h('legend', {}, t('orderNumber')),
    field(t('orderNumber'), h('input', { name: 'orderNumber' })));
  const demandText = h('input', { name: 'demandText' });
  const mandatory = () => reference.channels.find((c) => c.channel === channel.value)?.mandatory || [];
  const sync = () => {
    const need = mandatory();
    vehicle.hidden = !need.includes('vehicle');
    order.hidden = !need.includes('order');
    demandText.required = need.includes('demand');
  };
  channel.addEventListener('change', sync);
  const out = h('div', { class: 'out' });
  let key = crypto.randomUUID();
  const form = h('form', { class: 'card', 'aria-label': t('newComplaint'), onsubmit: async (e) => {
    e.preventDefault();
    out.replaceChildren();
    const d = Object.fromEntries(new FormData(form).entries());
    const body = {
      channel: d.channel, site: d.site, content: d.content,
      customer: { id: 'cust-' + key.slice(0, 13), name: d.customerName, phone: d.phone || undefined },
    };
    if (d.demandKind || d.demandText) body.demand = { kind: d.demandKind || undefined, text: d.demandText || undefined };
    if (!vehicle.hidden) body.vehicle = { vin: d.vin, plate: d.plate };
    if (!order.hidden) body.order = { number: d.orderNumber };
    try {
      const filed = await api.post('/complaints', body, { 'Idempotency-Key': key });
      key = crypto.randomUUID();
      toast(t('filed'));
      out.append(h('p', { role: 'status' }, `${t('filed')}: ${filed.level} · ${filed.routing?.owner || ''}`, ' ',
        filed.routing?.caseId ? h('a', { href: `#/case/${filed.routing.caseId}` }, `${t('caseTitle')} ${shortId(filed.routing.caseId)}`) : null));
      form.reset();
      sync();
    } catch (error) {
      out.append(problemBox(error));
    }
  } },
  field(t('channel'), channel), field(t('site'), site),
  field(t('customerName'), h('input', { name: 'customerName', required: true })),
  field(t('phone'), h('input', { name: 'phone', type: 'tel' })),
  field(t('content'), h('textarea', { name: 'content', rows: 3, required: true })),
  field(t('demandKind'), demandKind), field(t('demandText'), demandText),
  vehicle, order, h('button', { type: 'submit' }, t('file')), out);
  sync();
  main.append(form);
}

// Monthly report per region, site and department (GET /reports/monthly) with inline SVG bars and
// a CSV download generated here from the same JSON. The filters offer the sites of the user's scope
// (GET /reference/complaints) and the tenant's departments (GET /reference/cases).
import { api, cached } from '../api.js';
import { t } from '../i18n.js';
import { bars, field, h, loading, problemBox, section } from '../ui.js';

export async function render(main) {
  main.append(h('h1', {}, t('report')));
  const [complaints, cases] = await Promise.all([
    cached('/reference/complaints').catch(() => ({})),
    cached('/reference/cases').catch(() => ({})),
  ]);
  const sites = complaints.sites || [];
  const units = cases.departments?.units || {};
  const now = new Date();
  const month = h('input', { name: 'month', type: 'month', value: `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}` });
  const regionNames = new Map(sites.map((s) => [s.region, s.regionName || s.region]));
  const region = choice('region', [...regionNames].map(([id, name]) => [id, `${name} (${id})`]));
  const site = choice('site', []);
  const department = choice('department', Object.entries(units).map(([id, u]) => [id, `${u.unit || id} (${id})`]));
  // A region narrows the sites offered; a site outside it is no longer chosen.
  const fillSites = () => {
    const chosen = site.value;
    site.replaceChildren(...options(sites.filter((s) => !region.value || s.region === region.value)
      .map((s) => [s.site, `${s.name || s.site} (${s.site})`])));
    site.value = [...site.options].some((o) => o.value === chosen) ? chosen : '';
  };
  region.addEventListener('change', fillSites);
  fillSites();
  const out = h('div');
  const form = h('form', { class: 'card filters', 'aria-label': t('report'), onsubmit: (e) => {
    e.preventDefault();
    show();
  } }, field(t('month'), month), field(t('region'), region), field(t('site'), site),
  field(t('department'), department), h('button', { type: 'submit' }, t('show')));
  main.append(form, out);
  async function show() {
    out.replaceChildren(loading());
    const query = new URLSearchParams({ month: month.value });
    for (const [k, el] of [['region', region], ['site', site], ['department', department]]) {
      if (el.value) query.set(k, el.value);
    }
    try {
      const report = await api.get(`/reports/monthly?${query}`);
      out.replaceChildren(...view(report));
    } catch (error) {
      out.replaceChildren(problemBox(error));
    }
  }
  await show();
}

/** A select of [value, label] pairs after an "all" choice (no filter). */
function choice(name, pairs) {
  return h('select', { name }, options(pairs));
}

function options(pairs) {
  return [h('option', { value: '' }, t('all')), ...pairs.map(([value, label]) => h('option', { value }, label))];
}

function figure(label, value, key) {
  return h('div', { class: 'figure' }, h('span', { class: 'muted', id: `fig-${key}` }, label),
    h('strong', { 'aria-labelledby': `fig-${key}`, 'data-figure': key }, String(value ?? '—')));
}

function percent(value) {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

function view(r) {
  const complaints = r.complaints || {};
  const cases = r.cases || {};
  const follow = r.followUps || {};
  const sla = Object.entries(cases.slaCompliance || {}).map(([clock, s]) => [clock, s.met, s.breached,
    s.met + s.breached ? s.met / (s.met + s.breached) : null]);
  const summary = section(`${t('report')} ${r.month} · ${r.status || ''}`,
    h('div', { class: 'figures' },
      figure(t('total'), complaints.total, 'complaints'), figure(t('casesTotal'), cases.total, 'cases'),
      figure(t('satisfactionRate'), percent(follow.satisfactionRate), 'satisfaction'),
      figure(t('averageSatisfaction'), follow.averageSatisfaction ?? '—', 'average')),
    h('button', { type: 'button', onclick: () => download(r, sla) }, t('downloadCsv')));
  const charts = section(t('report'), h('div', { class: 'charts' },
    bars(t('byChannel'), complaints.byChannel), bars(t('byLevel'), complaints.byLevel),
    bars(t('byDepartment'), cases.byDepartment),
    bars(t('topRootCauses'), Object.fromEntries((r.rootCauses || cases.topRootCauses || []).slice(0, 5).map((c) => [c.cause, c.count])))));
  const slaBox = section(t('sla'), h('table', {},
    h('thead', {}, h('tr', {}, ['', t('met'), t('breached'), '%'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, sla.map(([clock, met, breached, share]) => h('tr', {},
      h('th', { scope: 'row' }, clock), h('td', {}, met), h('td', {}, breached), h('td', {}, percent(share)))))));
  return [summary, charts, slaBox];
}

function rows(r, sla) {
  const out = [['section', 'key', 'value']];
  const add = (sectionName, map) => Object.entries(map || {}).forEach(([k, v]) => out.push([sectionName, k, v]));
  out.push(['total', 'complaints', r.complaints?.total ?? ''], ['total', 'cases', r.cases?.total ?? '']);
  add('channel', r.complaints?.byChannel);
  add('level', r.complaints?.byLevel);
  add('department', r.cases?.byDepartment);
  sla.forEach(([clock, met, breached]) => out.push(['sla-met', clock, met], ['sla-breached', clock, breached]));
  out.push(['satisfaction', 'rate', r.followUps?.satisfactionRate ?? ''], ['satisfaction', 'average', r.followUps?.averageSatisfaction ?? '']);
  (r.rootCauses || []).forEach((c) => out.push(['root-cause', c.cause, c.count]));
  return out;
}

function download(r, sla) {
  const csv = rows(r, sla).map((row) => row.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')).join('\r\n');
  const link = h('a', {
    href: URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv;charset=utf-8' })),
    download: `complaints-report-${r.month}${r.scope?.site ? '-' + r.scope.site : ''}.csv`,
  });
  document.body.append(link);
  link.click();
  link.remove();
}

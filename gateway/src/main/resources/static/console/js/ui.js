// Small DOM helpers shared by the pages: elements, dates, countdowns, level badges, problem details.
import { lang, t, term } from './i18n.js';

/** h('button', {type: 'button', onclick}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key in el && key !== 'list' && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function section(title, ...children) {
  const id = 'h-' + Math.random().toString(36).slice(2, 8);
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A labelled field: the label names the control for assistive technology (and the tests). */
export function field(label, control) {
  const id = control.id || 'f-' + Math.random().toString(36).slice(2, 8);
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'short', timeStyle: 'short',
  });
}

/**
 * A case or complaint id as people read it: its last 8 characters. Ids are time-ordered (ADR
 * 0616), so their first characters are shared by everything created within the same minute.
 */
export function shortId(id) {
  return String(id).slice(-8);
}

export function money(amount) {
  if (!amount) return '';
  return `${Number(amount.amount).toFixed(2)} ${amount.currency || ''}`.trim();
}

export function minor(value, currency = 'CNY') {
  return `${(value / 100).toFixed(2)} ${currency}`;
}

function span(ms) {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86400000);
  const hh = Math.floor((abs % 86400000) / 3600000);
  const mm = Math.floor((abs % 3600000) / 60000);
  const ss = Math.floor((abs % 60000) / 1000);
  return (d ? `${d}${t('dayUnit')} ` : '') + `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/**
 * A countdown to dueAt that updates every second while it is in the page. Past due → breached;
 * past the tenant's at-risk share of the time from start to due → at risk (policy atRiskShare).
 */
export function countdown(dueAt, startedAt, atRiskShare = 0.8, breachedAlready = false) {
  const el = h('span', { class: 'countdown', 'data-due': dueAt });
  const due = new Date(dueAt).getTime();
  const start = startedAt ? new Date(startedAt).getTime() : null;
  const tick = () => {
    const left = due - Date.now();
    let mark = 'ok';
    if (breachedAlready || left < 0) mark = 'breached';
    else if (start && due > start && (Date.now() - start) / (due - start) >= atRiskShare) mark = 'at-risk';
    el.className = 'countdown ' + mark;
    el.textContent = left < 0 ? `${t('overdueBy')} ${span(left)}` : `${t('dueIn')} ${span(left)}`;
    el.dataset.mark = mark;
    const label = { ok: t('onTrack'), 'at-risk': t('atRisk'), breached: t('breached') }[mark];
    el.setAttribute('aria-label', `${el.textContent} (${label})`);
    el.title = label;
  };
  tick();
  const timer = setInterval(() => (el.isConnected ? tick() : clearInterval(timer)), 1000);
  return el;
}

const LEVEL_COLOURS = {
  SERVICE_REQUEST: '#5b6b7a', GENERAL: '#1f6fb2', URGENT: '#c26a00', MAJOR: '#c0272d', CHANNEL: '#7b2cbf',
};

/** The level in the tenant's own name, coloured by its canonical level. */
export function levelBadge(level, levelNames) {
  const name = (levelNames && levelNames[level]) || level;
  const badge = h('span', { class: 'badge level', title: level }, name);
  badge.style.background = LEVEL_COLOURS[level] || '#555';
  return badge;
}

/** A case state in the current language; the raw value stays in the title and data-state. */
export function stateTag(state, attrs = {}) {
  return h('span', { class: 'state', title: state, 'data-state': state, ...attrs }, term('state', state));
}

export function problemBox(error) {
  const body = error.body || {};
  const fields = body.fields || [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, `${t('failed')} (${error.status || ''}): `), body.detail || body.title || error.message,
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, `${f.field}: ${f.message}`))) : null);
}

export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.textContent = ''), 4000);
}

export function loading() {
  return h('p', { class: 'muted' }, t('loading'));
}

/** Horizontal SVG bars for a {label: value} map, largest first; each bar carries its number. */
export function bars(title, data) {
  const entries = Object.entries(data || {}).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const row = 24;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 400 ${Math.max(row, entries.length * row)}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${title}: ` + entries.map(([k, v]) => `${k} ${v}`).join(', '));
  entries.forEach(([label, value], i) => {
    const y = i * row;
    const width = Math.max(2, (value / max) * 220);
    svg.insertAdjacentHTML('beforeend',
      `<text x="0" y="${y + 16}" font-size="12"></text>` +
      `<rect x="150" y="${y + 4}" width="${width}" height="16" fill="#1f6fb2"></rect>` +
      `<text x="${155 + width}" y="${y + 16}" font-size="12"></text>`);
    const texts = svg.querySelectorAll('text');
    texts[texts.length - 2].textContent = label.length > 22 ? label.slice(0, 21) + '…' : label;
    texts[texts.length - 1].textContent = String(value);
  });
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), svg);
}

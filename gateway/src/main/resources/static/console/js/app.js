// The console's shell: sign-in, the navigation for the signed-in user, and a hash router that
// hands each page its own module (one module per page under ./pages).
import { cached, me, setToken, token } from './api.js';
import { completeOidc, config, signInPage } from './auth.js';
import { lang, setLang, t } from './i18n.js';
import { h } from './ui.js';

const pages = {
  work: () => import('./pages/work.js'),
  case: () => import('./pages/case.js'),
  new: () => import('./pages/new-complaint.js'),
  approvals: () => import('./pages/approvals.js'),
  'follow-ups': () => import('./pages/followups.js'),
  report: () => import('./pages/report.js'),
};

const main = document.getElementById('main');
let cfg = null;
let canApprove = false;

async function start() {
  const select = document.getElementById('lang');
  select.value = lang();
  select.addEventListener('change', () => {
    setLang(select.value);
    render();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    setToken(null);
    render();
  });
  window.addEventListener('hashchange', render);
  window.addEventListener('console:signed-out', () => render());
  cfg = await config();
  await completeOidc(cfg);
  await render();
}

async function navigation(user) {
  try {
    const matrix = await cached('/authority-matrix');
    const approvers = matrix.permissions?.APPROVE || [];
    canApprove = user.roles.some((r) => approvers.includes(r));
  } catch {
    canApprove = false;
  }
  const items = [['work', 'navWork'], ['new', 'navNew'], ...(canApprove ? [['approvals', 'navApprovals']] : []),
    ['follow-ups', 'navFollowUps'], ['report', 'navReport']];
  const current = (location.hash.slice(2).split('/')[0]) || 'work';
  document.getElementById('nav').replaceChildren(h('ul', {}, items.map(([id, key]) =>
    h('li', {}, h('a', { href: `#/${id}`, 'aria-current': current === id ? 'page' : false }, t(key))))));
}

let rendering = 0;
async function render() {
  const run = ++rendering;
  document.title = t('brand');
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('lang-label').textContent = t('language');
  const signOut = document.getElementById('sign-out');
  signOut.textContent = t('signOut');
  const user = token() ? me() : null;
  if (!user) {
    setToken(null);
    signOut.hidden = true;
    document.getElementById('who').textContent = '';
    document.getElementById('nav').replaceChildren();
    signInPage(main, cfg, () => {
      if (!location.hash || location.hash === '#/') location.hash = '#/work';
      render();
    });
    return;
  }
  signOut.hidden = false;
  document.getElementById('who').textContent = `${user.name} · ${user.roles.join(', ')}`;
  await navigation(user);
  const [name, ...rest] = (location.hash.slice(2) || 'work').split('/');
  const load = pages[name] || pages.work;
  const module = await load();
  if (run !== rendering) return;
  // Each page renders into a fresh container: a page still loading when the user moves on
  // finishes into a detached element, never into the next page.
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  await module.render(view, { user, args: rest.map(decodeURIComponent), canApprove });
  main.focus({ preventScroll: true });
}

start();

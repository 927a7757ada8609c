// Sign-in. Local profile: the development issuer (POST /dev/tokens) for a sample user picked by
// name. Elsewhere: the operator's OpenID Connect provider, authorization code flow with PKCE, in
// the browser; its access token is the staff bearer token the gateway verifies. No server session.
import { api, setToken } from './api.js';
import { field, h, problemBox } from './ui.js';
import { t } from './i18n.js';

export async function config() {
  return api.raw('GET', '/console/config.json');
}

export function signInPage(main, cfg, done) {
  main.replaceChildren();
  const box = h('section', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, t('signInTitle')));
  main.append(box);
  if (cfg.signIn === 'development') {
    const list = h('datalist', { id: 'dev-users' },
      (cfg.devUsers || []).map((u) => h('option', { value: u.user }, `${u.tenant} · ${u.roles.join(', ')}`)));
    const input = h('input', { name: 'user', list: 'dev-users', autocomplete: 'username', required: true });
    const out = h('div');
    const form = h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        out.replaceChildren();
        try {
          const answer = await api.raw('POST', '/dev/tokens', { user: input.value.trim() });
          setToken(answer.token);
          done();
        } catch (error) {
          out.append(problemBox(error));
        }
      },
    }, h('p', {}, t('signInDev')), field(t('userName'), input), list,
    h('button', { type: 'submit' }, t('signIn')), out);
    box.append(form);
  } else if (cfg.signIn === 'oidc') {
    box.append(h('button', { type: 'button', onclick: () => startOidc(cfg.oidc) }, t('signInOidc')));
  } else {
    box.append(h('p', {}, t('signInNone')));
  }
}

function random(bytes = 32) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(data) {
  return btoa(String.fromCharCode(...new Uint8Array(data))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  return response.json();
}

function redirectUri() {
  return location.origin + '/console/';
}

async function startOidc(oidc) {
  const meta = await discovery(oidc.issuer);
  const verifier = random(48);
  const state = random(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('console.pkce', JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(),
    scope: oidc.scopes.join(' '), state, code_challenge: challenge, code_challenge_method: 'S256',
    ...(oidc.audience ? { audience: oidc.audience } : {}),
  });
  location.assign(url);
}

/** Back from the provider with ?code=&state=: exchanges the code for the access token. */
export async function completeOidc(cfg) {
  const params = new URLSearchParams(location.search);
  if (cfg.signIn !== 'oidc' || !params.has('code')) return false;
  const saved = JSON.parse(sessionStorage.getItem('console.pkce') || '{}');
  sessionStorage.removeItem('console.pkce');
  history.replaceState(null, '', '/console/' + (saved.hash || '#/work'));
  if (!saved.state || saved.state !== params.get('state')) return false;
  const meta = await discovery(cfg.oidc.issuer);
  const response = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: cfg.oidc.clientId, code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) return false;
  const answer = await response.json();
  setToken(answer.access_token);
  return true;
}

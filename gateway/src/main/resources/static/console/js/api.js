// Every call goes to the public API (/api/v1) through the gateway with the signed-in user's bearer
// token; nothing else is kept between pages but that token, in this tab's sessionStorage.
const TOKEN = 'console.token';
const cache = new Map();

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN, value);
  else sessionStorage.removeItem(TOKEN);
  cache.clear();
}

/** The signed-in user from the token's claims: sub, name, tenant, roles, regions, sites. */
export function me() {
  const value = token();
  if (!value) return null;
  try {
    const part = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      [...atob(part)].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const claims = JSON.parse(json);
    if (claims.exp && claims.exp * 1000 < Date.now()) return null;
    return {
      user: claims.sub, name: claims.name || claims.sub, tenant: claims.tenant,
      roles: claims.roles || [], regions: claims.regions || [], sites: claims.sites || [],
    };
  } catch {
    return null;
  }
}

async function call(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  const bearer = token();
  if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { detail: text };
  }
  if (response.status === 401) {
    setToken(null);
    window.dispatchEvent(new Event('console:signed-out'));
  }
  if (!response.ok) throw new Problem(response.status, json);
  return json;
}

export const api = {
  get: (path) => call('GET', '/api/v1' + path),
  post: (path, body = {}, headers) => call('POST', '/api/v1' + path, body, headers),
  put: (path, body) => call('PUT', '/api/v1' + path, body),
  /** Outside /api/v1: the console's config and the development issuer. */
  raw: call,
};

/** A cached read for the tenant's closed sets (reference documents, policy), per sign-in. */
export function cached(path) {
  if (!cache.has(path)) {
    cache.set(path, api.get(path).catch((e) => {
      cache.delete(path);
      throw e;
    }));
  }
  return cache.get(path);
}

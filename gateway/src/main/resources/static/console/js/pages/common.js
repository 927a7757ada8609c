// What several pages need: the tenant's level names and at-risk share, and who owns what.
import { api, cached } from '../api.js';

/** The tenant's routing policy (level names, at-risk share, permissions, vague measures). */
export async function policy(user) {
  try {
    return await cached('/policies/' + encodeURIComponent(user.tenant));
  } catch {
    const reference = await cached('/reference/cases');
    return {
      levelNames: Object.fromEntries(reference.levels.map((l) => [l.level, l.name])),
      atRiskShare: 0.8, permissions: null, vagueMeasures: [],
    };
  }
}

/** The user or one of the user's roles owns it ("role:cs-supervisor" or the user name). */
export function mine(owner, user) {
  return owner === user.user || user.roles.some((r) => owner === 'role:' + r);
}

/** Whether a permission's roles let the user act: one of the user's roles, or '*' (any staff). */
export function allows(roles, user) {
  return Boolean(roles) && (roles.includes('*') || user.roles.some((r) => roles.includes(r)));
}

/** The case's nearest deadline still running (PENDING or ARMED), else none. */
export function nextDeadline(kase) {
  return (kase.deadlines || [])
    .filter((d) => !d.settledAt && d.status !== 'MET' && d.status !== 'CANCELLED')
    .sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt))[0] || null;
}

/** All pages of a cursor-paged list. */
export async function all(path, max = 5) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < max; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api.get(path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''));
    items.push(...(page.items || []));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export const OPEN_STATES = (state) => !['CLOSED', 'CLOSED_NOT_ESTABLISHED'].includes(state);

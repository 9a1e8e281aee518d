// An Instagram account's daily action limits as bars (GET /api/instagram/limits/{username}): used of the limit per
// action type, when the next unit comes back, and Instagram's block while it holds. Shared by the sessions and
// actions pages.
import { h, replace } from './dom.js';
import { formatDate, formatNumber, t } from './i18n.js';

export const FAMILIES = ['follow', 'like', 'comment'];

/** One bar: `family` is follow, like or comment; `view` the API's {limit, used, remaining, reset_at, blocked_until}. */
export function limitBar(username, family, view) {
  const id = `limit-${username}-${family}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const limit = Math.max(0, Number(view?.limit) || 0);
  const used = Math.min(limit, Math.max(0, Number(view?.used) || 0));
  const meter = h('meter', { id, min: 0, max: Math.max(limit, 1), value: used, low: Math.ceil(limit * 0.7),
                             high: Math.ceil(limit * 0.9), optimum: 0 });
  return h('div', { class: 'limit', 'data-limit': family, 'data-used': used, 'data-max': limit },
    h('label', { for: id }, t(`limits.${family}`)),
    meter,
    h('span', { class: 'limit-text' }, t('limits.used', { used: formatNumber(used), limit: formatNumber(limit),
                                                            remaining: formatNumber(Number(view?.remaining) || 0) })),
    h('span', { class: 'muted limit-reset' }, t('limits.reset', { date: formatDate(view?.reset_at) })),
    view?.blocked_until ? h('span', { class: 'field-error', 'data-blocked': '' },
      t('limits.blocked', { date: formatDate(view.blocked_until) })) : null);
}

/** The three bars of an account into `box` (its `data.limits` answer). */
export function showLimits(box, username, limits) {
  replace(box, FAMILIES.map((family) => limitBar(username, family, limits?.[family])));
  box.dataset.limitsShown = '';
}

// An Instagram account's daily action limits as bars (GET /api/instagram/limits/{username}): used of the limit per
// action type, when the next unit comes back, and Instagram's block while it holds. Shared by the sessions and
// actions pages.
import { api } from './api.js';
import { h, replace } from './dom.js';
import { busy, clearErrors, field, formAlert, showError } from './forms.js';
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

/**
 * The account's own daily limits as a form (`element`, filled by `fill(limits)`): whole numbers from 0 up to the
 * operator's limit (the API names a value over it), or back to the operator's limits. The bars in `bars` follow.
 */
export function limitsEditor(username, bars, signal) {
  const form = h('form', { class: 'limits-form', novalidate: true, 'data-limits-form': username },
    FAMILIES.map((family) => field({ name: family, label: t(`limits.${family}`), type: 'number', min: 0, step: '1', inputmode: 'numeric' })),
    formAlert(),
    h('div', { class: 'row' }, h('button', { type: 'submit', 'data-save-limits': '' }, t('limits.save')),
      h('button', { type: 'button', class: 'secondary', 'data-default-limits': '' }, t('limits.default'))));
  const element = h('details', { class: 'limits-edit' }, h('summary', {}, t('limits.change', { name: username })), form);
  const fill = (limits) => {
    for (const family of FAMILIES) {
      const value = limits?.[family]?.limit;
      form.elements.namedItem(family).value = typeof value === 'number' ? String(value) : '';
    }
  };
  async function send(body) {
    busy(form, true);
    try {
      const answer = await api('PUT', `/api/instagram/limits/${encodeURIComponent(username)}`, body, { signal });
      busy(form, false);
      clearErrors(form);
      showLimits(bars, username, answer.data?.limits);
      fill(answer.data?.limits);
      form.querySelector('[data-form-alert]').hidden = true;
      element.dataset.saved = String(Date.now());
    } catch (error) {
      if (error.name === 'AbortError') return;
      busy(form, false);
      showError(form, error);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {};
    const errors = {};
    for (const family of FAMILIES) {
      const text = form.elements.namedItem(family).value.trim();
      if (!/^\d+$/.test(text)) errors[family] = t('limits.rule'); else body[family] = Number(text);
    }
    if (Object.keys(errors).length) { showError(form, { message: t('publish.fixFields'), fields: errors, status: 422 }); return; }
    send(body);
  });
  form.querySelector('[data-default-limits]').addEventListener('click', () => send({ follow: null, like: null, comment: null }));
  return { element, fill };
}

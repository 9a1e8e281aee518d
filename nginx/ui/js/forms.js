// Forms: a labelled field, and the API's error envelope shown next to the fields it names.
import { h, uid } from './dom.js';
import { t } from './i18n.js';

/** A labelled input with a hint and an error slot: field({name, label, type, hint, ...inputProps}). */
export function field({ name, label, hint, type = 'text', ...props }) {
  const id = uid(`f-${name}`);
  const input = h('input', { id, name, type, ...props });
  const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('span', { class: 'field-error', id: `${id}-error`, hidden: true, 'data-error-for': name });
  input.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, errorEl);
}

/** The form-level message slot (role=alert so screen readers announce it). */
export function formAlert() {
  return h('div', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true, 'data-form-alert': '' });
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const alert = form.querySelector('[data-form-alert]');
  if (alert) { alert.hidden = true; alert.textContent = ''; }
}

/**
 * Shows an APIError: each field the envelope's `errors` names gets its message next to it (and the first such
 * field the focus); the envelope's `message` goes in the form's alert. `fallbackField` takes the message when
 * no field is named (e.g. a 401 on the sign-in form).
 */
export function showError(form, error, fallbackField) {
  clearErrors(form);
  let first = null;
  const fields = { ...(error.fields || {}) };
  if (!Object.keys(fields).length && fallbackField) fields[fallbackField] = error.message;
  const elsewhere = [];   // fields the form has no slot for: named in the alert
  for (const [name, message] of Object.entries(fields)) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    const input = form.elements.namedItem(name);
    if (!slot || !input) { elsewhere.push(`${name}: ${typeof message === 'string' ? message : JSON.stringify(message)}`); continue; }
    slot.textContent = typeof message === 'string' ? message : JSON.stringify(message);
    slot.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  const alert = form.querySelector('[data-form-alert]');
  if (alert) {
    alert.textContent = [error.status === 0 ? t('error.network') : error.message, ...elsewhere].join(' ');
    alert.hidden = false;
  }
  (first || alert)?.focus?.();
}

export function busy(form, on) {
  for (const el of form.querySelectorAll('button, input, select, textarea')) el.disabled = on;
  form.setAttribute('aria-busy', on ? 'true' : 'false');
}

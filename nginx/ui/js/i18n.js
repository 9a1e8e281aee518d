// English and Korean: chosen from the browser's languages, switchable, remembered in local storage.
import en from './i18n/en.js';
import ko from './i18n/ko.js';

const dictionaries = { en, ko };
const STORE = 'instagate.lang';
let current = initial();

function initial() {
  const saved = localStorage.getItem(STORE);
  if (saved && dictionaries[saved]) return saved;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (dictionaries[base]) return base;
  }
  return 'en';
}

export function lang() { return current; }

export function setLang(code) {
  if (!dictionaries[code]) return;
  current = code;
  localStorage.setItem(STORE, code);
  document.documentElement.lang = code;
}

/** The text of `key` in the current language, `{name}` replaced from `vars` (English when a key is missing). */
export function t(key, vars) {
  const text = dictionaries[current][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? '')) : text;
}

export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString(current === 'ko' ? 'ko-KR' : 'en-US') : '–';
}

export function formatBytes(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = n; let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toLocaleString(current === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: unit ? 1 : 0 })} ${units[unit]}`;
}

export function formatDate(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '–';
  return date.toLocaleString(current === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The translation of `prefix.value` (a state, a media type), or the value itself when there is none. */
export function label(prefix, value) {
  const key = `${prefix}.${value}`;
  return dictionaries[current][key] ?? en[key] ?? String(value ?? '–');
}

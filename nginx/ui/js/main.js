// The application shell: hash routes (#/download ...), the navigation, the language switch, sign-in state.
// A page is one module in pages/ exporting {route, title, nav, needsKey, mount(main, app)}; mount returns an
// optional cleanup (stop polling). Adding a page: one module and one line in `pages` below.
import { api, auth, setUnauthorizedHandler } from './api.js';
import { h, replace } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import signIn from './pages/signin.js';
import download from './pages/download.js';
import analysis from './pages/analysis.js';
import keys from './pages/keys.js';
import sessions from './pages/sessions.js';
import actions from './pages/actions.js';
import accounts from './pages/accounts.js';
import publish from './pages/publish.js';
import calendar from './pages/calendar.js';
import insights from './pages/insights.js';

const pages = [download, analysis, sessions, actions, accounts, publish, calendar, insights, keys, signIn];
const home = download.route;
let cleanup = null;

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const signOutButton = document.getElementById('sign-out');
const langSelect = document.getElementById('lang-select');

function currentRoute() {
  const [route, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return { route: route || home, args: rest.map(decodeURIComponent) };
}

/** Goes to `#/route/arg...` (a no-op hash change still re-renders). */
function go(route, ...args) {
  const hash = `#/${[route, ...args].map(encodeURIComponent).join('/')}`;
  if (location.hash === hash) render(); else location.hash = hash;
}

function renderChrome(active) {
  document.documentElement.lang = lang();
  langSelect.value = lang();
  document.getElementById('lang-label').textContent = t('app.language');
  document.getElementById('skip-link').textContent = t('app.skip');
  signOutButton.textContent = t('app.signOut');
  signOutButton.hidden = !auth.signedIn || !auth.key();
  nav.setAttribute('aria-label', t('app.nav'));
  replace(nav, ...pages.filter((p) => p.nav && auth.signedIn).map((p) =>
    h('a', { href: `#/${p.route}`, 'aria-current': p === active ? 'page' : null }, t(p.nav))));
}

async function render() {
  if (cleanup) { try { cleanup(); } catch { /* a page's cleanup never blocks navigation */ } cleanup = null; }
  let { route, args } = currentRoute();
  let page = pages.find((p) => p.route === route) || pages.find((p) => p.route === home);
  if (page.needsKey && !auth.signedIn) page = signIn;
  renderChrome(page);
  document.title = `${t(page.title)} · instagate`;
  main.replaceChildren();
  cleanup = page.mount(main, { go, args, rerender: render, signedIn }) || null;
  // Keyboard and screen-reader users land on the new page's heading.
  const heading = main.querySelector('h1');
  if (heading && document.activeElement !== langSelect && !main.contains(document.activeElement)) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

/** Asks /api/me with the stored key; without one, once without a key (a single-user setup needs none). */
async function checkSession() {
  const key = auth.key();
  try {
    auth.user = (await api('GET', '/api/me', undefined, { key })).user || null;
    auth.signedIn = true;
  } catch {
    auth.signedIn = false;
    if (key && auth.key() === key) auth.set('');   // a key stored meanwhile (another sign-in) stays
  }
}

function signedIn(key, user) {
  auth.set(key);
  auth.user = user;
  auth.signedIn = true;
}

setUnauthorizedHandler(() => {
  auth.set('');
  auth.signedIn = false;
  go(signIn.route);
});

signOutButton.addEventListener('click', () => {
  auth.set('');
  auth.signedIn = false;
  go(signIn.route);
});
langSelect.addEventListener('change', () => { setLang(langSelect.value); render(); langSelect.focus(); });
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  (main.querySelector('h1') || main).focus();
});
window.addEventListener('hashchange', render);

setLang(lang());
await checkSession();
render();

// Saved Instagram sessions: save one (its cookies checked by Instagram, sealed on the server), the saved ones with
// their daily action limits as bars (each account's own limits changed there: PUT /api/instagram/limits/{username}),
// and deleting one.
import { api } from '../api.js';
import { h, markDataShown, replace } from '../dom.js';
import { busy, clearErrors, field, formAlert, showError } from '../forms.js';
import { formatDate, label, t } from '../i18n.js';
import { limitsEditor, showLimits } from '../limits.js';

export default {
  route: 'sessions',
  title: 'sessions.title',
  nav: 'nav.sessions',
  needsKey: true,
  mount(main) {
    const stop = new AbortController();
    const signal = stop.signal;
    const list = h('div', { 'aria-live': 'polite', 'data-sessions': '' }, h('p', { class: 'muted' }, t('app.loading')));
    const form = h('form', { class: 'stack', novalidate: true, 'data-new-session': '' },
      field({ name: 'username', label: t('sessions.username'), hint: t('sessions.usernameHint'), autocomplete: 'off',
              spellcheck: 'false' }),
      field({ name: 'session_id', label: t('analysis.sessionId'), type: 'password', autocomplete: 'off', spellcheck: 'false' }),
      field({ name: 'csrf_token', label: t('analysis.csrf'), type: 'password', autocomplete: 'off', spellcheck: 'false' }),
      formAlert(),
      h('div', {}, h('button', { type: 'submit' }, t('sessions.save'))));

    async function load() {
      try {
        const answer = await api('GET', '/api/instagram/sessions', undefined, { signal });
        const sessions = Array.isArray(answer.sessions) ? answer.sessions : [];
        if (!sessions.length) {
          replace(list, h('p', { class: 'muted' }, t('sessions.none')));
          markDataShown('sessions');
          return;
        }
        const cards = sessions.map((s) => card(s));
        replace(list, h('ul', { class: 'cards' }, cards.map((c) => c.element)));
        // Every account's limits at once; the page counts as shown when the bars are.
        await Promise.all(cards.map((c) => c.loadLimits()));
        markDataShown('sessions');
      } catch (error) {
        if (error.name !== 'AbortError') replace(list, h('p', { class: 'alert', role: 'alert' }, error.message));
      }
    }

    function card(session) {
      const username = String(session.username ?? '');
      const bars = h('div', { class: 'limits', 'aria-label': t('sessions.limitsOf', { name: username }) });
      const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
      const remove = h('button', { type: 'button', class: 'danger', 'aria-label': t('sessions.deleteNamed', { name: username }) },
        t('sessions.delete'));
      remove.addEventListener('click', async () => {
        if (!window.confirm(t('sessions.confirmDelete', { name: username }))) return;
        try {
          await api('DELETE', `/api/instagram/session/${encodeURIComponent(username)}`, undefined, { signal });
          await load();
          form.elements.namedItem('username').focus();
        } catch (error) {
          if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
        }
      });
      const limitsForm = limitsEditor(username, bars, signal);
      const element = h('li', { class: 'card', 'data-session': username },
        h('h3', {}, `@${username}`, session.full_name ? h('span', { class: 'muted' }, ` · ${session.full_name}`) : null),
        h('p', { class: 'muted' }, t('sessions.state', { state: label('session', session.state) }), ' · ',
          t('sessions.expires', { date: formatDate(session.expires_at) })),
        bars, limitsForm.element, alert,
        h('div', { class: 'row' },
          h('a', { class: 'button secondary', href: `#/actions/${encodeURIComponent(username)}` }, t('sessions.act')),
          remove));
      async function loadLimits() {
        try {
          const answer = await api('GET', `/api/instagram/limits/${encodeURIComponent(username)}`, undefined, { signal });
          showLimits(bars, username, answer.data?.limits);
          limitsForm.fill(answer.data?.limits);
        } catch (error) {
          if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
        }
      }
      return { element, loadLimits };
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = (name) => form.elements.namedItem(name).value.trim();
      busy(form, true);
      try {
        await api('POST', '/api/instagram/session',
          { username: value('username').replace(/^@/, ''), session_id: value('session_id'), csrf_token: value('csrf_token') },
          { signal });
        busy(form, false);
        clearErrors(form);
        form.reset();
        await load();
        list.querySelector('h3')?.setAttribute('tabindex', '-1');
        list.querySelector('h3')?.focus();
      } catch (error) {
        if (error.name === 'AbortError') return;
        busy(form, false);
        showError(form, error, 'session_id');
      }
    });

    main.append(h('h1', {}, t('sessions.title')), h('p', { class: 'muted' }, t('sessions.intro')),
      h('h2', {}, t('sessions.saved')), list, h('h2', {}, t('sessions.new')), form);
    load();
    return () => stop.abort();
  },
};

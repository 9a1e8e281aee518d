// Connected business and creator accounts (Meta's Graph API): connect one through Meta's consent page (the OAuth
// round trip: this page goes to the auth_url, Meta's callback page links back here), the connected accounts, and
// disconnecting one.
import { api } from '../api.js';
import { h, markDataShown, replace } from '../dom.js';
import { busy, formAlert, showError } from '../forms.js';
import { formatDate, formatNumber, label, t } from '../i18n.js';

export default {
  route: 'accounts',
  title: 'accounts.title',
  nav: 'nav.accounts',
  needsKey: true,
  mount(main) {
    const stop = new AbortController();
    const signal = stop.signal;
    const list = h('div', { 'aria-live': 'polite', 'data-accounts': '' }, h('p', { class: 'muted' }, t('app.loading')));
    const flavour = h('select', { id: 'connect-flavour', name: 'flavour', 'aria-describedby': 'connect-flavour-error' },
      h('option', { value: 'instagram' }, t('accounts.flavour.instagram')),
      h('option', { value: 'facebook' }, t('accounts.flavour.facebook')));
    const form = h('form', { class: 'stack', novalidate: true, 'data-connect': '' },
      h('div', { class: 'field' }, h('label', { for: 'connect-flavour' }, t('accounts.flavour')), flavour,
        h('span', { class: 'field-error', id: 'connect-flavour-error', hidden: true, 'data-error-for': 'flavour' })),
      formAlert(),
      h('div', {}, h('button', { type: 'submit' }, t('accounts.connect'))));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      busy(form, true);
      try {
        const answer = await api('POST', '/api/sns/instagram/oauth/authorize', { flavour: flavour.value }, { signal });
        // Meta's consent page, then its redirect to instagate's callback, whose page links back to #/accounts.
        location.assign(String(answer.auth_url));
      } catch (error) {
        if (error.name === 'AbortError') return;
        busy(form, false);
        showError(form, error, 'flavour');
      }
    });

    async function load() {
      try {
        const answer = await api('GET', '/api/sns/instagram/accounts', undefined, { signal });
        const accounts = Array.isArray(answer.accounts) ? answer.accounts : [];
        replace(list, accounts.length ? h('ul', { class: 'cards' }, accounts.map(card))
          : h('p', { class: 'muted' }, t('accounts.none')));
        markDataShown('accounts');
      } catch (error) {
        if (error.name !== 'AbortError') replace(list, h('p', { class: 'alert', role: 'alert' }, error.message));
      }
    }

    function card(a) {
      const name = String(a.account_name ?? a.username ?? '');
      const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
      const connected = a.status === 'connected';
      const remove = h('button', { type: 'button', class: 'danger', 'aria-label': t('accounts.disconnectNamed', { name }) },
        t('accounts.disconnect'));
      remove.addEventListener('click', async () => {
        if (!window.confirm(t('accounts.confirmDisconnect', { name }))) return;
        try {
          await api('DELETE', `/api/sns/instagram/accounts/${encodeURIComponent(a.account_id)}`, undefined, { signal });
          await load();
        } catch (error) {
          if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
        }
      });
      return h('li', { class: 'card', 'data-account': name, 'data-account-id': a.account_id },
        h('h3', {}, `@${name}`, a.name ? h('span', { class: 'muted' }, ` · ${a.name}`) : null),
        h('p', {}, h('strong', { 'data-account-status': a.status }, label('accounts.status', a.status)),
          ` · ${label('accounts.type', a.account_type ?? '–')} · ${t(`accounts.flavour.${a.flavour === 'facebook' ? 'facebook' : 'instagram'}`)}`),
        a.status_reason && !connected ? h('p', { class: 'alert' }, String(a.status_reason)) : null,
        h('ul', { class: 'counts' },
          h('li', {}, t('accounts.followers', { n: formatNumber(a.followers_count) })),
          h('li', {}, t('accounts.following', { n: formatNumber(a.following_count) })),
          h('li', {}, t('accounts.posts', { n: formatNumber(a.media_count) }))),
        h('p', { class: 'muted' }, t('accounts.connectedAt', { date: formatDate(a.connected_at) }),
          a.token_expires_at ? ` · ${t('accounts.tokenExpires', { date: formatDate(a.token_expires_at) })}` : ''),
        alert,
        h('div', { class: 'row' },
          connected ? h('a', { class: 'button', href: `#/publish/new/${encodeURIComponent(a.account_id)}` }, t('accounts.compose')) : null,
          remove));
    }

    main.append(h('h1', {}, t('accounts.title')), h('p', { class: 'muted' }, t('accounts.intro')),
      h('h2', {}, t('accounts.yours')), list, h('h2', {}, t('accounts.new')), form);
    load();
    return () => stop.abort();
  },
};

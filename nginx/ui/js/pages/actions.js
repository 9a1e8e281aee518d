// Account actions with a saved session: follow, unfollow, like, unlike and comment (the API's message next to the
// field it names), the account's daily limits as bars, and the audit log with its CSV. #/actions/USERNAME picks
// the account.
import { api } from '../api.js';
import { h, markDataShown, replace, uid } from '../dom.js';
import { busy, clearErrors, field, formAlert, showError } from '../forms.js';
import { formatDate, label, t } from '../i18n.js';
import { showLimits } from '../limits.js';

const ACTIONS = ['follow', 'unfollow', 'like', 'unlike', 'comment'];
const LOG_LIMIT = 200;

export default {
  route: 'actions',
  title: 'actions.title',
  nav: 'nav.actions',
  needsKey: true,
  mount(main, app) {
    const stop = new AbortController();
    const signal = stop.signal;
    const account = select('username', t('actions.account'), []);
    const action = select('action', t('actions.action'), ACTIONS.map((a) => [a, t(`actions.do.${a}`)]));
    const target = field({ name: 'target_username', label: t('actions.targetUser'), hint: t('actions.targetUserHint'),
                           autocomplete: 'off', spellcheck: 'false' });
    const post = field({ name: 'url', label: t('actions.postURL'), hint: t('actions.postURLHint'), inputmode: 'url',
                         autocomplete: 'off', spellcheck: 'false', placeholder: 'https://www.instagram.com/p/…' });
    const textID = uid('f-text');
    const text = h('div', { class: 'field' }, h('label', { for: textID }, t('actions.text')),
      h('textarea', { id: textID, name: 'text', rows: '3', maxlength: '2200', 'aria-describedby': `${textID}-error` }),
      h('span', { class: 'field-error', id: `${textID}-error`, hidden: true, 'data-error-for': 'text' }));
    const done = h('div', { class: 'notice', role: 'status', hidden: true, 'data-action-done': '' });
    const form = h('form', { class: 'stack', novalidate: true }, account.element, action.element, target, post, text,
      formAlert(), h('div', {}, h('button', { type: 'submit' }, t('actions.submit'))));
    const bars = h('div', { class: 'limits', 'data-action-limits': '' });
    const log = auditLog(signal);

    const showFields = () => {
      const a = action.input.value;
      target.hidden = !(a === 'follow' || a === 'unfollow');
      post.hidden = !target.hidden;
      text.hidden = a !== 'comment';
    };
    action.input.addEventListener('change', () => { clearErrors(form); showFields(); });
    account.input.addEventListener('change', () => loadLimits());
    showFields();

    async function loadLimits() {
      const name = account.input.value;
      if (!name) { bars.replaceChildren(); return; }
      try {
        const answer = await api('GET', `/api/instagram/limits/${encodeURIComponent(name)}`, undefined, { signal });
        showLimits(bars, name, answer.data?.limits);
      } catch (error) {
        if (error.name !== 'AbortError') replace(bars, h('p', { class: 'alert', role: 'alert' }, error.message));
      }
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const a = action.input.value;
      const value = (name) => form.elements.namedItem(name).value.trim();
      const body = { username: account.input.value };
      if (a === 'follow' || a === 'unfollow') body.target_username = value('target_username').replace(/^@/, '');
      else body.url = value('url');
      if (a === 'comment') body.text = form.elements.namedItem('text').value;
      busy(form, true);
      done.hidden = true;
      try {
        const answer = await api('POST', `/api/instagram/${a}`, body, { signal });
        busy(form, false);
        clearErrors(form);
        const d = answer.data || {};
        replace(done, t('actions.done', { result: label('actions.result', d.result), target: String(d.target ?? ''),
                                          account: String(d.username ?? body.username) }));
        done.hidden = false;
        if (a === 'comment') form.elements.namedItem('text').value = '';
        log.reload();
        loadLimits();
      } catch (error) {
        if (error.name === 'AbortError') return;
        busy(form, false);
        // The target is named as the form shows it (a username or a post URL).
        const fields = { ...error.fields };
        if (fields.target_user_id && !fields.target_username) fields.target_username = fields.target_user_id;
        if (fields.media_id && !fields.url) fields.url = fields.media_id;
        // (An Error's message is not enumerable: named, not spread.)
        showError(form, { message: error.message, status: error.status, fields });
        loadLimits();
      }
    });

    main.append(h('h1', {}, t('actions.title')), h('p', { class: 'muted' }, t('actions.intro')),
      form, done, h('h2', {}, t('actions.limits')), bars, log.element);

    api('GET', '/api/instagram/sessions', undefined, { signal }).then(async (answer) => {
      const names = (Array.isArray(answer.sessions) ? answer.sessions : []).map((s) => String(s.username ?? '')).filter(Boolean);
      if (!names.length) {
        form.replaceChildren(h('p', { class: 'muted', 'data-no-sessions': '' }, t('actions.noSessions'), ' ',
          h('a', { href: '#/sessions' }, t('actions.saveOne'))));
      } else {
        account.input.append(...names.map((n) => h('option', { value: n }, `@${n}`)));
        account.input.value = names.includes(app.args[0]) ? app.args[0] : names[0];
        log.setAccounts(names);
        await loadLimits();
      }
      await log.ready;
      markDataShown('actions');
    }).catch((error) => {
      if (error.name !== 'AbortError') form.prepend(h('p', { class: 'alert', role: 'alert' }, error.message));
    });
    return () => stop.abort();
  },
};

/** A labelled select with an error slot: {element, input}. */
function select(name, text, options) {
  const id = uid(`f-${name}`);
  const input = h('select', { id, name, 'aria-describedby': `${id}-error` },
    options.map(([value, caption]) => h('option', { value }, caption)));
  const element = h('div', { class: 'field' }, h('label', { for: id }, text), input,
    h('span', { class: 'field-error', id: `${id}-error`, hidden: true, 'data-error-for': name }));
  return { element, input };
}

/** The audit log, newest first, of one account or all, and the same rows as CSV (the API's own CSV). */
function auditLog(signal) {
  const filter = h('select', { id: 'log-account', name: 'log-account' }, h('option', { value: '' }, t('actions.allAccounts')));
  const table = h('div', { class: 'table-wrap', 'data-audit-log': '' }, h('p', { class: 'muted' }, t('app.loading')));
  const csv = h('button', { type: 'button', class: 'secondary', 'data-csv': '' }, t('actions.csv'));
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const element = h('section', { 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title' }, t('actions.log')),
    h('div', { class: 'row' }, h('div', { class: 'field' }, h('label', { for: 'log-account' }, t('actions.logAccount')), filter), csv),
    alert, table);

  const query = (extra) => {
    const p = new URLSearchParams({ limit: String(LOG_LIMIT), ...extra });
    if (filter.value) p.set('username', filter.value);
    return `/api/instagram/actions?${p}`;
  };

  async function reload() {
    try {
      const answer = await api('GET', query({}), undefined, { signal });
      const rows = Array.isArray(answer.data?.actions) ? answer.data.actions : [];
      replace(table, rows.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['actions.colTime', 'actions.colAccount', 'actions.colAction', 'actions.colTarget',
          'actions.colOutcome', 'actions.colCode'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, rows.map((r) => h('tr', { 'data-action-id': r.id },
          h('td', {}, formatDate(r.created_at)),
          h('td', {}, `@${r.username}`),
          h('td', {}, label('actions.do', r.action)),
          h('td', {}, String(r.target ?? '')),
          h('td', { 'data-outcome': r.outcome }, label('actions.outcome', r.outcome)),
          h('td', {}, [r.error_code, r.instagram_code].filter(Boolean).join(' · ') || '–')))))
        : h('p', { class: 'muted' }, t('actions.noLog')));
    } catch (error) {
      if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
    }
  }

  csv.addEventListener('click', async () => {
    try {
      const text = await api('GET', query({ format: 'csv', limit: '100000' }), undefined, { signal, accept: 'text/csv' });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const link = h('a', { href: url, download: `instagram-actions${filter.value ? `-${filter.value}` : ''}.csv`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
    }
  });
  filter.addEventListener('change', reload);
  const ready = reload();
  return {
    element, reload, ready,
    setAccounts(names) { filter.append(...names.map((n) => h('option', { value: n }, `@${n}`))); },
  };
}

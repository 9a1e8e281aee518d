// Download: paste a post or reel URL -> the post's media as a grid with its caption, counts, hashtags and
// mentions; a button per file and one for all; a progress bar while the worker fetches a big post (202: the
// download is polled); the history with search. A profile, stories or highlight URL is a job: its progress, pause,
// resume and cancel, then its items (collection.js). #/download/SHORTCODE shows one download of the history,
// #/download/collection/JOB_ID one such job.
import { api, sleep } from '../api.js';
import { h, markDataShown, replace } from '../dom.js';
import { busy, clearErrors, field, formAlert, showError } from '../forms.js';
import { formatBytes, formatDate, formatNumber, label, t } from '../i18n.js';
import { followCollection } from '../collection.js';

const POLL_MS = 500;
const HISTORY_PAGE = 100;

export default {
  route: 'download',
  title: 'download.title',
  nav: 'nav.download',
  needsKey: true,
  mount(main, app) {
    const stop = new AbortController();
    const form = h('form', { class: 'stack', novalidate: true },
      field({ name: 'url', label: t('download.url'), hint: t('download.urlHint'), inputmode: 'url',
              autocomplete: 'off', spellcheck: 'false', placeholder: 'https://www.instagram.com/p/…' }),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'refresh' }), t('download.refresh')),
      sessionField(stop.signal),
      formAlert(),
      h('div', {}, h('button', { type: 'submit' }, t('download.submit'))));
    const progress = h('progress', { max: 1, 'aria-labelledby': 'progress-label' });
    const progressText = h('span', { id: 'progress-label', 'aria-live': 'polite' });
    const progressBox = h('div', { class: 'progress-box', hidden: true, 'data-progress': '' }, progressText, progress);
    const result = h('section', { 'aria-live': 'polite', 'data-result': '' });
    const history = historySection(app, stop.signal);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { url: form.elements.namedItem('url').value.trim() };
      if (form.elements.namedItem('refresh').checked) body.refresh = true;
      if (form.elements.namedItem('session').value) body.session = form.elements.namedItem('session').value;
      busy(form, true);
      result.replaceChildren();
      try {
        let answer = await api('POST', '/api/download', body, { signal: stop.signal });
        if (answer.job_id && answer.kind) { app.go('download', 'collection', String(answer.job_id)); return; }
        if (answer.httpStatus === 202 || answer.status !== 'completed') {
          answer = await follow(answer.shortcode, progressBox, progress, progressText, stop.signal);
        }
        busy(form, false);
        clearErrors(form);
        if (answer) showPost(result, answer);
        history.reload();
      } catch (error) {
        if (error.name === 'AbortError') return;
        busy(form, false);
        progressBox.hidden = true;
        showError(form, error, 'url');
      }
    });

    main.append(h('h1', {}, t('download.title')), form, progressBox, result, history.element);
    if (app.args[0] === 'collection' && app.args[1]) {
      followCollection(result, app.args[1], stop.signal).then(() => history.reload()).catch((error) => {
        if (error.name !== 'AbortError') replace(result, h('p', { class: 'alert', role: 'alert' }, error.message));
      });
    } else if (app.args[0]) {
      showStored(app.args[0], result, stop.signal);
    } else {
      form.elements.namedItem('url').focus();
    }
    return () => stop.abort();
  },
};

/** The saved Instagram sessions to download with (stories, highlights and private profiles need one; without a
 * choice the server uses the API user's own when there is one), and a link to save one. */
function sessionField(signal) {
  const select = h('select', { id: 'download-session', name: 'session', 'aria-describedby': 'download-session-hint download-session-error' },
    h('option', { value: '' }, t('download.noSession')));
  const hint = h('span', { class: 'hint', id: 'download-session-hint' }, t('download.sessionHint'));
  const wrap = h('div', { class: 'field', 'data-session-field': '' },
    h('label', { for: 'download-session' }, t('download.session')), select, hint,
    h('span', { class: 'field-error', id: 'download-session-error', hidden: true, 'data-error-for': 'session' }));
  api('GET', '/api/instagram/sessions', undefined, { signal }).then((answer) => {
    const sessions = Array.isArray(answer.sessions) ? answer.sessions : [];
    select.append(...sessions.map((s) => h('option', { value: String(s.username) }, `@${s.username}`)));
    if (!sessions.length) hint.append(' ', h('a', { href: '#/sessions' }, t('download.saveSession')));
    wrap.dataset.sessionsLoaded = String(sessions.length);
  }).catch(() => { /* no sessions to offer: downloads without one still work */ });
  return wrap;
}

/** Polls GET /api/downloads/{code} until the download ends, showing its bytes; resolves with the item. */
async function follow(shortcode, box, bar, text, signal) {
  box.hidden = false;
  for (;;) {
    const item = (await api('GET', `/api/downloads/${encodeURIComponent(shortcode)}`, undefined, { signal })).download || {};
    const done = item.progress?.bytes_done ?? 0;
    const total = item.progress?.bytes_total;
    if (typeof total === 'number' && total > 0) { bar.max = total; bar.value = Math.min(done, total); }
    else bar.removeAttribute('value');
    text.textContent = typeof total === 'number'
      ? t('download.progress', { done: formatBytes(done), total: formatBytes(total) })
      : t('download.progressUnknown', { done: formatBytes(done) });
    if (item.status === 'completed') { box.hidden = true; return item; }
    if (item.status === 'failed') {
      box.hidden = true;
      const error = new Error(item.error?.message || t('download.failed'));
      error.fields = {}; error.status = 500;
      throw error;
    }
    await sleep(POLL_MS, signal);
  }
}

async function showStored(shortcode, result, signal) {
  result.replaceChildren(h('p', { class: 'muted' }, t('app.loading')));
  try {
    const item = (await api('GET', `/api/downloads/${encodeURIComponent(shortcode)}`, undefined, { signal })).download;
    showPost(result, item);
  } catch (error) {
    if (error.name !== 'AbortError') replace(result, h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

/** The post: author, caption (as text), counts, hashtags, mentions, then the media grid with its buttons. */
function showPost(result, answer) {
  const meta = answer.metadata || {};
  const files = Array.isArray(answer.files) ? answer.files : [];
  const media = files.filter((f) => f.kind !== 'thumbnail');
  const thumbs = new Map(files.filter((f) => f.kind === 'thumbnail').map((f) => [f.index, f]));
  const author = meta.author || {};
  const counts = [
    ['download.likes', meta.like_count], ['download.comments', meta.comment_count],
    ['download.views', meta.view_count], ['download.plays', meta.play_count],
  ].filter(([, n]) => typeof n === 'number');

  const grid = h('ul', { class: 'media-grid' }, media.map((file, i) => {
    const label = t(file.kind === 'video' ? 'download.video' : 'download.photo', { n: i + 1 });
    const thumb = thumbs.get(file.index);
    const view = file.kind === 'video'
      ? h('video', { src: file.url, controls: true, preload: 'none', poster: thumb?.url, width: file.width, height: file.height,
                     'aria-label': label })
      : h('img', { src: file.url, alt: meta.accessibility_caption || label, loading: 'lazy', width: file.width, height: file.height });
    return h('li', {}, h('figure', {}, view, h('figcaption', {},
      h('span', {}, `${label} · ${formatBytes(file.size)}`),
      h('a', { class: 'button secondary', href: file.url, download: file.name, 'data-file': file.name,
               'aria-label': t('download.fileNamed', { name: label }) }, t('download.file')))));
  }));

  const all = h('button', { type: 'button', 'data-download-all': '' }, t('download.all', { n: media.length }));
  all.addEventListener('click', async () => {
    for (const link of grid.querySelectorAll('a[data-file]')) { link.click(); await sleep(400); }
  });

  replace(result,
    h('h2', {}, t('download.post', { code: String(answer.shortcode ?? meta.shortcode ?? '') })),
    h('div', { class: 'post-head' },
      h('p', {}, h('strong', {}, String(author.full_name || author.username || '')),
        author.username ? ` @${author.username}` : '', author.is_verified ? ` ✔︎ ${t('download.verified')}` : ''),
      h('p', { class: 'muted' }, [meta.taken_at ? formatDate(meta.taken_at) : null, meta.location?.name ?? null]
        .filter(Boolean).join(' · '))),
    meta.caption ? h('p', { class: 'caption', 'data-caption': '' }, String(meta.caption)) : null,
    counts.length ? h('ul', { class: 'counts' }, counts.map(([k, n]) => h('li', {}, t(k, { n: formatNumber(n) })))) : null,
    chips('download.hashtags', (meta.hashtags || []).map((tag) => `#${tag}`), 'hashtags'),
    chips('download.mentions', (meta.mentions || []).map((name) => `@${name}`), 'mentions'),
    h('div', { class: 'row' }, media.length ? all : null,
      answer.metadata_url ? h('a', { class: 'button secondary', href: answer.metadata_url, download: '' }, t('download.metadata')) : null),
    grid);
  markDataShown('download');
}

function chips(titleKey, items, name) {
  if (!items.length) return null;
  return h('div', {}, h('span', { class: 'label' }, t(titleKey)),
    h('ul', { class: 'chips', [`data-${name}`]: '' }, items.map((text) => h('li', {}, text))));
}

/** The history: newest first, loaded 100 at a time, searched by shortcode, type or state. */
function historySection(app, signal) {
  let items = []; let total = 0;
  const search = h('input', { type: 'search', id: 'history-search', name: 'q', autocomplete: 'off' });
  const list = h('div', { class: 'table-wrap' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('download.more'));
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const element = h('section', { 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, t('download.history')),
    h('div', { class: 'field' }, h('label', { for: 'history-search' }, t('download.search')), search), count, list, more);

  async function load(offset) {
    try {
      const answer = await api('GET', `/api/downloads?limit=${HISTORY_PAGE}&offset=${offset}`, undefined, { signal });
      const page = Array.isArray(answer.downloads) ? answer.downloads : [];
      items = offset ? items.concat(page) : page;
      total = typeof answer.total === 'number' ? answer.total : items.length;
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') replace(list, h('p', { class: 'alert', role: 'alert' }, error.message));
    }
  }

  function draw() {
    const q = search.value.trim().toLowerCase();
    const shown = q ? items.filter((d) => [d.shortcode, d.media_type, d.status].some((v) => String(v ?? '').toLowerCase().includes(q)))
                    : items;
    count.textContent = t('download.historyCount', { shown: formatNumber(shown.length), total: formatNumber(total) });
    more.hidden = items.length >= total;
    if (!shown.length) { replace(list, h('p', { class: 'muted' }, t(items.length ? 'download.noMatch' : 'download.noHistory'))); return; }
    replace(list, h('table', {},
      h('thead', {}, h('tr', {}, ['download.colPost', 'download.colType', 'download.colState', 'download.colDate']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, shown.map((d) => h('tr', {},
        h('td', {}, h('a', { href: `#/download/${encodeURIComponent(d.shortcode)}` }, String(d.shortcode))),
        h('td', {}, d.media_type ? label('type', d.media_type) : '–'),
        h('td', {}, label('state', d.status)),
        h('td', {}, formatDate(d.created_at)))))));
  }

  search.addEventListener('input', draw);
  more.addEventListener('click', () => load(items.length));
  load(0).then(() => { if (!app.args[0]) markDataShown('download'); });
  return { element, reload: () => load(0) };
}

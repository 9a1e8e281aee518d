// A profile, stories or highlight download (POST /api/download answers 202 with a job): its progress in posts and
// bytes while the worker fetches it (GET /api/collections/{job_id}, polled), pause, resume and cancel, then its items
// with links to each one's files, the profile's picture and metadata, a highlight's title. Used by the download page.
import { api, sleep, transient } from './api.js';
import { h, markDataShown, replace } from './dom.js';
import { formatBytes, formatDate, formatNumber, label, t } from './i18n.js';

const POLL_MS = 500;
const ENDED = ['completed', 'failed', 'cancelled'];

/** Follows job `jobID` in `box` until it ends (or `signal` aborts). */
export async function followCollection(box, jobID, signal) {
  const path = `/api/collections/${encodeURIComponent(jobID)}`;
  const head = h('p', { 'aria-live': 'polite', 'data-collection-state': '' });
  const bar = h('progress', { max: 1, 'aria-labelledby': 'collection-progress-text' });
  const text = h('span', { id: 'collection-progress-text', 'data-collection-progress': '' });
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-collection-error': '' });
  const pollAlert = h('p', { class: 'alert', role: 'status', hidden: true, 'data-poll-error': '' });
  const control = (key, method, suffix) => {
    const button = h('button', { type: 'button', class: key === 'cancel' ? 'danger' : 'secondary', [`data-${key}`]: '' }, t(`collection.${key}`));
    button.addEventListener('click', async () => {
      if (key === 'cancel' && !window.confirm(t('collection.confirmCancel'))) return;
      alert.hidden = true;
      try {
        await api(method, path + suffix, undefined, { signal });
        wake();
      } catch (error) {
        if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
      }
    });
    return button;
  };
  const pause = control('pause', 'POST', '/pause');
  const resume = control('resume', 'POST', '/resume');
  const cancel = control('cancel', 'DELETE', '');
  const items = h('section', { 'data-collection-items': '' });
  replace(box, h('h2', {}, t('collection.title')), head, h('div', { class: 'progress-box', 'data-collection-box': '' }, text, bar),
    h('div', { class: 'row' }, pause, resume, cancel), alert, pollAlert, items);

  let waking = null;
  const wake = () => waking?.();
  for (;;) {
    let status;
    try {
      status = await api('GET', path, undefined, { signal });
    } catch (error) {
      if (error.name === 'AbortError' || !transient(error)) throw error;
      pollAlert.textContent = t('app.retrying', { message: error.message });
      pollAlert.hidden = false;
      await sleep(Math.max(POLL_MS * 4, (error.retryAfter || 0) * 1000), signal);
      continue;
    }
    pollAlert.hidden = true;
    const state = String(status.status ?? '');
    const p = status.progress || {};
    replace(head, h('strong', { 'data-state': state }, label('collection.state', state)), ' · ',
      t(`collection.kind.${status.kind}`), ': ', h('span', { class: 'wrap' }, String(status.url ?? '')));
    const total = typeof p.posts_total === 'number' ? p.posts_total : null;
    if (total) { bar.max = total; bar.value = Math.min(p.posts_done ?? 0, total); } else if (ENDED.includes(state)) { bar.max = 1; bar.value = 1; } else bar.removeAttribute('value');
    text.textContent = t(total ? 'collection.progress' : 'collection.progressUnknown', {
      done: formatNumber(p.posts_done ?? 0), total: formatNumber(total ?? undefined), bytes: formatBytes(p.bytes_done ?? 0),
      stored: formatNumber(p.posts_from_storage ?? 0) });
    pause.hidden = !['queued', 'running', 'pending'].includes(state);
    resume.hidden = state !== 'paused';
    cancel.hidden = ENDED.includes(state);
    if (status.error?.message) { alert.textContent = String(status.error.message); alert.hidden = false; }
    markDataShown('collection');
    if (ENDED.includes(state)) { showItems(items, status); return status; }
    await new Promise((resolve) => { waking = resolve; sleep(POLL_MS, signal).then(resolve, resolve); });
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
  }
}

/** The finished job's items, each linking to its files on this page; the profile's picture and metadata. */
function showItems(section, status) {
  const result = status.result || {};
  const list = Array.isArray(result.items) ? result.items : [];
  const profile = status.profile;
  replace(section,
    h('h3', {}, t('collection.items', { n: formatNumber(list.length) })),
    result.title ? h('p', {}, t('collection.highlightTitle'), ' ', h('strong', { 'data-highlight-title': '' }, String(result.title))) : null,
    profile ? h('div', { class: 'row', 'data-profile-links': '' },
      profile.picture_url ? h('a', { class: 'button secondary', href: profile.picture_url, download: '', 'data-profile-picture': '' }, t('collection.picture')) : null,
      profile.metadata_url ? h('a', { class: 'button secondary', href: profile.metadata_url, download: '' }, t('collection.metadata')) : null) : null,
    list.length ? h('ul', { class: 'collection-items' }, list.map((item) => h('li', { 'data-item-code': item.shortcode },
      h('a', { href: `#/download/${encodeURIComponent(item.shortcode)}` }, String(item.shortcode)),
      ` · ${label('type', item.media_type)} · ${t('collection.files', { n: formatNumber(item.files) })} · ${formatBytes(item.bytes)}`,
      item.taken_at ? ` · ${formatDate(item.taken_at)}` : '',
      item.from_storage ? ` · ${t('collection.fromStorage')}` : '')))
      : h('p', { class: 'muted' }, t('collection.none')));
}

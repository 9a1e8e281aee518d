// Follower analysis: start one with an Instagram session's cookies, watch its progress and queue position live,
// then browse unfollowers, fans and mutual (search, sort, paging over 100k rows), export CSV, and see what
// changed since the account's previous analysis. #/analysis/JOB_ID shows one job.
import { api, sleep, transient } from '../api.js';
import { h, markDataShown, replace } from '../dom.js';
import { busy, field, formAlert, showError } from '../forms.js';
import { doughnut } from '../chart.js';
import { formatDate, formatNumber, label, t } from '../i18n.js';
import { listBrowser } from '../list-browser.js';

const POLL_MS = 1000;
const LISTS = ['unfollowers', 'fans', 'mutual'];

export default {
  route: 'analysis',
  title: 'analysis.title',
  nav: 'nav.analysis',
  needsKey: true,
  mount(main, app) {
    const stop = new AbortController();
    main.append(h('h1', {}, t('analysis.title')));
    if (app.args[0]) jobView(main, app, app.args[0], stop.signal);
    else startView(main, app, stop.signal);
    return () => stop.abort();
  },
};

function startView(main, app, signal) {
  // A saved Instagram session (POST /api/instagram/session) or the cookies pasted here.
  const saved = h('select', { id: 'saved-session', name: 'session', 'aria-describedby': 'saved-session-error' },
    h('option', { value: '' }, t('analysis.pasteCookies')));
  const savedField = h('div', { class: 'field', hidden: true },
    h('label', { for: 'saved-session' }, t('analysis.saved')), saved,
    h('span', { class: 'field-error', id: 'saved-session-error', hidden: true, 'data-error-for': 'session' }));
  const cookies = h('div', { class: 'stack' },
    field({ name: 'session_id', label: t('analysis.sessionId'), type: 'password', autocomplete: 'off', spellcheck: 'false' }),
    field({ name: 'csrf_token', label: t('analysis.csrf'), type: 'password', autocomplete: 'off', spellcheck: 'false' }));
  const form = h('form', { class: 'stack', novalidate: true },
    h('p', { class: 'muted' }, t('analysis.intro')),
    savedField, cookies,
    field({ name: 'username', label: t('analysis.username'), hint: t('analysis.usernameHint'), autocomplete: 'off',
            spellcheck: 'false' }),
    formAlert(),
    h('div', {}, h('button', { type: 'submit' }, t('analysis.start'))));
  const jobs = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, t('app.loading')));
  saved.addEventListener('change', () => { cookies.hidden = saved.value !== ''; });
  api('GET', '/api/instagram/sessions', undefined, { signal }).then((answer) => {
    const names = (Array.isArray(answer.sessions) ? answer.sessions : []).map((s) => String(s.username ?? '')).filter(Boolean);
    if (!names.length) return;
    saved.append(...names.map((name) => h('option', { value: name }, `@${name}`)));
    saved.value = names[0];
    savedField.hidden = false;
    cookies.hidden = true;
  }).catch(() => { /* no saved sessions to offer: the cookie fields stay */ })
    .finally(() => { form.dataset.sessionsLoaded = ''; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements.namedItem(name).value.trim();
    const body = saved.value ? { session: saved.value } : { session_id: value('session_id'), csrf_token: value('csrf_token') };
    if (value('username')) body.username = value('username');
    busy(form, true);
    try {
      const answer = await api('POST', '/api/analyze', body, { signal });
      app.go('analysis', String(answer.job_id));
    } catch (error) {
      if (error.name === 'AbortError') return;
      busy(form, false);
      // The same session already has a job (queued, running, or finished and not cleaned up): that job is the
      // one to watch.
      if ((error.code === 'JOB_ALREADY_RUNNING' || error.code === 'JOB_ALREADY_EXISTS') && typeof error.fields.job_id === 'string') {
        showError(form, { message: error.message, status: error.status, fields: {} });   // (message is not enumerable)
        form.querySelector('[data-form-alert]').append(' ',
          h('a', { href: `#/analysis/${encodeURIComponent(error.fields.job_id)}` }, t('analysis.openJob')));
      } else {
        showError(form, error, saved.value ? 'session' : 'session_id');
      }
    }
  });

  main.append(h('h2', {}, t('analysis.new')), form, h('h2', {}, t('analysis.jobs')), jobs);
  api('GET', '/api/jobs', undefined, { signal }).then((answer) => {
    // `items` is the list, newest first (`jobs` is the earlier service's object keyed by job id).
    const list = (Array.isArray(answer.items) ? answer.items : []);
    replace(jobs, list.length ? h('table', {},
      h('thead', {}, h('tr', {}, ['analysis.colJob', 'analysis.colAccount', 'analysis.colState', 'analysis.colProgress',
        'analysis.colCreated'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, list.map((job) => h('tr', {},
        h('td', {}, h('a', { href: `#/analysis/${encodeURIComponent(job.job_id)}` }, String(job.job_id))),
        h('td', {}, job.username ? `@${job.username}` : '–'),
        h('td', {}, label('state', job.state)),
        h('td', {}, typeof job.progress?.percent === 'number'
          ? [h('progress', { max: 100, value: job.progress.percent, class: 'cell-progress', 'aria-hidden': 'true' }),
             ` ${formatNumber(job.progress.percent)} %`] : '–'),
        h('td', {}, formatDate(job.created_at_iso))))))
      : h('p', { class: 'muted' }, t('analysis.noJobs')));
    markDataShown('analysis');
  }).catch((error) => {
    if (error.name !== 'AbortError') replace(jobs, h('p', { class: 'alert', role: 'alert' }, error.message));
  });
}

/** One job: polled while queued or running; its results once completed. */
async function jobView(main, app, jobID, signal) {
  const head = h('div', { 'aria-live': 'polite', 'data-job-state': '' });
  const bar = h('progress', { max: 100, 'aria-labelledby': 'job-progress-text' });
  const barText = h('span', { id: 'job-progress-text' });
  const progressBox = h('div', { class: 'progress-box', 'data-progress': '' }, barText, bar);
  const cancel = h('button', { type: 'button', class: 'danger', hidden: true }, t('analysis.cancel'));
  const results = h('section', {});
  const pollAlert = h('p', { class: 'alert', role: 'status', hidden: true, 'data-poll-error': '' });
  main.append(h('p', {}, h('a', { href: '#/analysis' }, t('analysis.back'))), head, pollAlert, progressBox, cancel, results);
  cancel.addEventListener('click', async () => {
    try { await api('DELETE', `/api/job/${encodeURIComponent(jobID)}`, undefined, { signal }); } catch { /* shown by the next poll */ }
  });

  try {
    for (;;) {
      // One list's first row: the state, progress and counts without the server paging all five lists (a
      // 100k-follower job answers in ms this way instead of hundreds of ms).
      let job;
      try {
        job = await api('GET', `/api/status/${encodeURIComponent(jobID)}?list=unfollowers&limit=1`, undefined, { signal });
        pollAlert.hidden = true;
      } catch (error) {
        if (error.name === 'AbortError' || !transient(error)) throw error;
        pollAlert.textContent = t('app.retrying', { message: error.message });
        pollAlert.hidden = false;
        await sleep(Math.max(POLL_MS * 3, (error.retryAfter || 0) * 1000), signal);
        continue;
      }
      const p = job.progress || {};
      // `state` is instagate's five words (`status` the earlier service's four, with `processing`).
      const state = job.state;
      const running = state === 'queued' || state === 'running';
      replace(head,
        h('p', {}, h('strong', {}, label('state', state)), job.username ? ` · @${job.username}` : '',
          ` · ${t('analysis.jobId', { id: jobID })}`),
        state === 'queued' && typeof job.queue_position === 'number'
          ? h('p', { 'data-queue-position': '' }, t('analysis.queuePosition', { n: formatNumber(job.queue_position) })) : null,
        job.error ? h('p', { class: 'alert', role: 'alert' }, String(job.error.message ?? job.error.code ?? '')) : null);
      if (typeof p.percent === 'number') bar.value = p.percent; else bar.removeAttribute('value');
      barText.textContent = t('analysis.progress', {
        percent: formatNumber(p.percent ?? 0), fetched: formatNumber(p.users_fetched ?? 0),
        total: formatNumber(p.expected_total ?? 0), message: String(p.message ?? '') });
      progressBox.hidden = !running && state !== 'completed';
      cancel.hidden = !running;
      markDataShown('analysis');
      if (!running) {
        if (state === 'completed') showResults(results, job, signal);
        return;
      }
      await sleep(POLL_MS, signal);
    }
  } catch (error) {
    if (error.name !== 'AbortError') replace(head, h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

function showResults(results, job, signal) {
  const counts = job.results?.counts || {};
  const stats = h('ul', { class: 'stats', 'data-counts': '' },
    ['followers', 'following', 'unfollowers', 'fans', 'mutual'].map((name) =>
      h('li', { 'data-count': name }, h('span', { class: 'n' }, formatNumber(counts[name])), t(`analysis.count.${name}`))));
  const canvas = h('canvas', { role: 'img', width: '300', height: '300',
    'aria-label': LISTS.map((n) => `${t(`analysis.count.${n}`)} ${formatNumber(counts[n])}`).join(', ') });
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': t('analysis.lists') });
  const panel = h('div', {});
  let current = null;
  const show = (name) => {
    if (current === name) return;
    current = name;
    for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.tab === name));
    replace(panel, listBrowser(job.job_id, name, counts[name], signal, () => markDataShown(`list-${name}`)));
  };
  for (const name of LISTS) {
    tabs.append(h('button', { type: 'button', 'data-tab': name, 'aria-pressed': 'false', onclick: () => show(name) },
      `${t(`analysis.count.${name}`)} (${formatNumber(counts[name])})`));
  }
  const changes = h('section', { 'data-changes': '' });
  replace(results, h('h2', {}, t('analysis.results')), stats, h('div', { class: 'chart-box' }, canvas),
    tabs, panel, changes);
  show('unfollowers');
  doughnut(canvas, LISTS.map((n) => t(`analysis.count.${n}`)), LISTS.map((n) => counts[n] ?? 0));
  if (job.username) showChanges(changes, job.username, signal);
}

/** "Changes since the last analysis" of the account (needs two completed analyses). */
async function showChanges(section, username, signal) {
  section.append(h('h2', {}, t('analysis.changes')));
  try {
    const c = await api('GET', `/api/analyses/${encodeURIComponent(username)}/changes`, undefined, { signal });
    const group = (key, names) => {
      const list = Array.isArray(names) ? names : [];
      return h('div', { 'data-change': key }, h('h3', {}, `${t(`analysis.change.${key}`)} (${formatNumber(list.length)})`),
        list.length ? h('ul', {}, list.slice(0, 500).map((n) => h('li', {}, `@${n}`)),
          list.length > 500 ? h('li', { class: 'muted' }, t('analysis.more', { n: formatNumber(list.length - 500) })) : null)
          : h('p', { class: 'muted' }, t('analysis.none')));
    };
    section.append(
      h('p', { class: 'muted' }, t('analysis.changesBetween', {
        from: formatDate(c.from?.taken_at ?? c.from?.created_at), to: formatDate(c.to?.taken_at ?? c.to?.created_at) })),
      h('div', { class: 'changes' }, group('new_followers', c.new_followers), group('lost_followers', c.lost_followers),
        group('new_following', c.new_following), group('stopped_following', c.stopped_following)));
  } catch (error) {
    if (error.name === 'AbortError') return;
    section.append(h('p', { class: 'muted', 'data-changes-none': '' },
      error.code === 'NOT_ENOUGH_SNAPSHOTS' ? t('analysis.changesNeedTwo') : error.message));
  }
}

// Insights of connected accounts: an account's daily figures (GET /api/sns/instagram/account/insights) and a
// published post's figures now and over time (GET /api/sns/instagram/{post_id}/insights, its history with from/to),
// each as a Chart.js line chart with the same figures in a table, and CSV exports of both. #/insights/ACCOUNT_ID
// opens an account, #/insights/post/POST_ID a post.
import { api, saveCSV } from '../api.js';
import { lineChart } from '../chart.js';
import { h, markDataShown, replace, uid } from '../dom.js';
import { busy, formAlert, showError } from '../forms.js';
import { formatDate, formatNumber, label, t } from '../i18n.js';

const ACCOUNT_SERIES = ['reach', 'views', 'follower_count', 'profile_activity'];
const POST_SERIES = ['reach', 'views', 'likes', 'comments', 'saved'];
const POST_FIGURES = ['likes', 'comments', 'shares', 'saved', 'reach', 'views', 'total_interactions', 'profile_visits', 'follows'];

export default {
  route: 'insights',
  title: 'insights.title',
  nav: 'nav.insights',
  needsKey: true,
  mount(main, app) {
    const stop = new AbortController();
    main.append(h('h1', {}, t('insights.title')));
    if (app.args[0] === 'post' && app.args[1]) postView(main, app.args[1], stop.signal);
    else accountView(main, app, app.args[0], stop.signal);
    return () => stop.abort();
  },
};

async function accountView(main, app, accountID, signal) {
  const select = h('select', { id: 'insights-account', name: 'account_id' });
  const body = h('div', { 'data-account-insights': '' }, h('p', { class: 'muted' }, t('app.loading')));
  main.append(h('p', { class: 'muted' }, t('insights.intro')),
    h('div', { class: 'field' }, h('label', { for: 'insights-account' }, t('insights.account')), select), body);
  try {
    const answer = await api('GET', '/api/sns/instagram/accounts', undefined, { signal });
    const accounts = Array.isArray(answer.accounts) ? answer.accounts : [];
    if (!accounts.length) {
      replace(body, h('p', { class: 'muted', 'data-no-accounts': '' }, t('publish.noAccounts'), ' ',
        h('a', { href: '#/accounts' }, t('publish.connectOne'))));
      select.hidden = true;
      markDataShown('insights');
      return;
    }
    select.append(...accounts.map((a) => h('option', { value: String(a.account_id) }, `@${a.account_name ?? a.username}`)));
    if (accountID && accounts.some((a) => String(a.account_id) === accountID)) select.value = accountID;
    select.addEventListener('change', () => app.go('insights', select.value));
    await accountInsights(body, select.value, signal);
  } catch (error) {
    if (error.name !== 'AbortError') replace(body, h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

/** The account's days in a range, its published posts with links to theirs. */
async function accountInsights(body, accountID, signal) {
  const range = rangeForm();
  const figures = h('div', { 'aria-live': 'polite', 'data-days': '' });
  const posts = h('div', { 'data-insight-posts': '' });
  const csv = h('button', { type: 'button', class: 'secondary', 'data-csv': '' }, t('insights.csv'));
  replace(body, h('h2', {}, t('insights.daily')), range.form, figures, h('div', { class: 'row' }, csv),
    h('h2', {}, t('insights.posts')), posts);
  const query = () => `/api/sns/instagram/account/insights?account_id=${encodeURIComponent(accountID)}&from=${range.from()}&to=${range.to()}`;
  async function load() {
    busy(range.form, true);
    try {
      const answer = await api('GET', query(), undefined, { signal });
      const days = Array.isArray(answer.days) ? answer.days : [];
      const state = answer.collection?.state ?? 'ok';
      replace(figures,
        h('p', { class: state === 'ok' ? 'muted' : 'alert', 'data-collection': state },
          t('insights.collection', { state: label('insights.state', state) }),
          answer.collection?.last_run_at ? ` · ${t('insights.lastRun', { date: formatDate(answer.collection.last_run_at) })}` : '',
          answer.collection?.message && state !== 'ok' ? ` · ${answer.collection.message}` : ''),
        chartAndTable(days.map((d) => d.date), ACCOUNT_SERIES, days, 'insights.metric', 'insights.colDate'));
      busy(range.form, false);
    } catch (error) {
      if (error.name === 'AbortError') return;
      busy(range.form, false);
      showError(range.form, error);
    }
  }
  range.form.addEventListener('submit', (event) => { event.preventDefault(); load(); });
  csv.addEventListener('click', () => saveCSV(`${query()}&format=csv`, `insights-account-${accountID}.csv`, signal)
    .catch((error) => { if (error.name !== 'AbortError') showError(range.form, error); }));
  const list = api('GET', `/api/sns/instagram/posts?account_id=${encodeURIComponent(accountID)}&state=published&limit=25`, undefined, { signal })
    .then((answer) => {
      const items = Array.isArray(answer.posts) ? answer.posts : [];
      replace(posts, items.length ? h('ul', {}, items.map((p) => h('li', { 'data-post-id': p.id },
        h('a', { href: `#/insights/post/${encodeURIComponent(p.id)}` }, t('insights.postLink', { id: p.id })),
        ` · ${formatDate(p.published_at)} · `, h('span', { class: 'caption' }, String(p.content ?? '').split('\n')[0].slice(0, 80)))))
        : h('p', { class: 'muted' }, t('insights.noPosts')));
    });
  await Promise.all([load(), list]);
  markDataShown('insights');
}

/** One post: its figures read from Meta now (stored as a point), then its stored history in a range. */
async function postView(main, id, signal) {
  const now = h('div', { 'aria-live': 'polite', 'data-post-now': '' }, h('p', { class: 'muted' }, t('app.loading')));
  const range = rangeForm();
  const history = h('div', { 'aria-live': 'polite', 'data-history': '' });
  const csv = h('button', { type: 'button', class: 'secondary', 'data-csv': '' }, t('insights.csv'));
  main.append(h('p', {}, h('a', { href: '#/insights', 'data-back': '' }, t('insights.back')), ' · ',
    h('a', { href: `#/publish/${encodeURIComponent(id)}` }, t('insights.thePost', { id }))),
  h('h2', {}, t('insights.now')), now, h('h2', {}, t('insights.history')), range.form, history, h('div', { class: 'row' }, csv));
  const path = `/api/sns/instagram/${encodeURIComponent(id)}/insights`;
  const query = () => `${path}?from=${range.from()}&to=${range.to()}`;
  async function loadHistory() {
    busy(range.form, true);
    try {
      const answer = await api('GET', query(), undefined, { signal });
      const points = Array.isArray(answer.points) ? answer.points : [];
      replace(history, chartAndTable(points.map((p) => formatDate(p.collected_at)), POST_SERIES, points, 'insights.metric', 'insights.colTime'));
      busy(range.form, false);
    } catch (error) {
      if (error.name === 'AbortError') return;
      busy(range.form, false);
      showError(range.form, error);
    }
  }
  range.form.addEventListener('submit', (event) => { event.preventDefault(); loadHistory(); });
  csv.addEventListener('click', () => saveCSV(`${query()}&format=csv`, `insights-post-${id}.csv`, signal)
    .catch((error) => { if (error.name !== 'AbortError') showError(range.form, error); }));
  try {
    const reading = await api('GET', path, undefined, { signal });
    const missing = Object.entries(reading.missing || {});
    replace(now, h('ul', { class: 'stats', 'data-figures': '' },
      POST_FIGURES.map((name) => h('li', { 'data-figure': name }, h('span', { class: 'n' }, formatNumber(reading[name] ?? undefined)),
        t(`insights.metric.${name}`))),
      h('li', { 'data-figure': 'engagement_rate' }, h('span', { class: 'n' },
        typeof reading.engagement_rate === 'number' ? `${formatNumber(reading.engagement_rate)} %` : '–'), t('insights.metric.engagement_rate'))),
    missing.length ? h('ul', { class: 'muted', 'data-missing': '' }, missing.map(([name, why]) => h('li', {}, `${name}: ${why}`))) : null,
    h('p', { class: 'muted' }, t('insights.readAt', { date: formatDate(reading.collected_at) })));
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(now, h('p', { class: 'alert', role: 'alert', 'data-now-error': '' }, error.message));
  }
  await loadHistory();
  markDataShown('insights');
}

/** The from/to form: the last 30 days by default, as UTC days. */
function rangeForm() {
  const today = new Date();
  const day = (d) => d.toISOString().slice(0, 10);
  const input = (name, value) => {
    const id = uid(`f-${name}`);
    return h('div', { class: 'field' }, h('label', { for: id }, t(`insights.${name}`)),
      h('input', { id, name, type: 'date', value, 'aria-describedby': `${id}-error` }),
      h('span', { class: 'field-error', id: `${id}-error`, hidden: true, 'data-error-for': name }));
  };
  const form = h('form', { class: 'range', novalidate: true, 'data-range': '' },
    input('from', day(new Date(today.getTime() - 29 * 86_400_000))), input('to', day(today)),
    h('div', {}, h('button', { type: 'submit' }, t('insights.apply'))), formAlert());
  return { form, from: () => encodeURIComponent(form.elements.namedItem('from').value),
           to: () => encodeURIComponent(form.elements.namedItem('to').value) };
}

/** A line chart of `series` over `labels`, and the same figures as a table (what tests and screen readers read). */
function chartAndTable(labels, series, rows, prefix, firstColumn) {
  if (!rows.length) return h('p', { class: 'muted', 'data-no-figures': '' }, t('insights.none'));
  const canvas = h('canvas', { role: 'img', 'aria-label': t('insights.chartLabel', { n: formatNumber(rows.length) }) });
  const box = h('div', { class: 'chart-wide' }, canvas);
  lineChart(canvas, labels, series.map((name) => ({ label: t(`${prefix}.${name}`), values: rows.map((r) => r[name] ?? null) })));
  return [box, h('div', { class: 'table-wrap' }, h('table', { 'data-figures-table': '' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(firstColumn)), series.map((name) => h('th', { scope: 'col' }, t(`${prefix}.${name}`))))),
    h('tbody', {}, rows.map((r, i) => h('tr', {}, h('th', { scope: 'row' }, labels[i]),
      series.map((name) => h('td', { 'data-metric': name }, formatNumber(r[name] ?? undefined))))))))];
}

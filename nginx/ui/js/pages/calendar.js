// The publishing calendar: a month of scheduled and published posts by UTC day (GET /api/sns/instagram/calendar),
// with the failed ones on the day they were due (GET …/posts?state=failed, every page: the calendar leaves them out)
// and their retry button, a cancel button and a new time (PATCH …/posts/{id}) on each scheduled one, and months to
// move through. #/calendar/2026-12 opens a month.
import { api } from '../api.js';
import { h, markDataShown, replace } from '../dom.js';
import { busy, field, formAlert, showError } from '../forms.js';
import { formatDate, label, lang, t } from '../i18n.js';

// Failed posts are listed newest first, 100 a page: at most this many pages are read for one month.
const FAILED_PAGES = 20;

export default {
  route: 'calendar',
  title: 'calendar.title',
  nav: 'nav.calendar',
  needsKey: true,
  mount(main, app) {
    const stop = new AbortController();
    const month = parseMonth(app.args[0]) || thisMonth();
    const heading = h('h2', { id: 'calendar-month', 'aria-live': 'polite', 'data-month': monthKey(month) }, monthTitle(month));
    const notice = h('p', { class: 'notice', role: 'status', hidden: true, 'data-calendar-notice': '' });
    const grid = h('div', { 'data-calendar': '', 'aria-labelledby': 'calendar-month' }, h('p', { class: 'muted' }, t('app.loading')));
    const move = (delta, key) => h('button', { type: 'button', class: 'secondary', [`data-${key}`]: '',
      onclick: () => app.go('calendar', monthKey(addMonths(month, delta))) }, t(`calendar.${key}`));
    main.append(h('h1', {}, t('calendar.title')), h('p', { class: 'muted' }, t('calendar.intro')),
      h('div', { class: 'row calendar-bar' }, move(-1, 'previous'), heading, move(1, 'next'),
        h('button', { type: 'button', class: 'secondary', 'data-today': '', onclick: () => app.go('calendar', monthKey(thisMonth())) },
          t('calendar.today'))),
      notice, grid);
    load(grid, notice, month, stop.signal);
    return () => stop.abort();
  },
};

/** The month's posts: the calendar's days with the failed posts due in the month added. */
async function load(grid, notice, month, signal) {
  const from = month;
  const to = addMonths(month, 1);
  try {
    const [calendar, failed] = await Promise.all([
      api('GET', `/api/sns/instagram/calendar?from=${day(from)}&to=${day(to)}`, undefined, { signal }),
      failedPosts(signal),
    ]);
    const byDay = new Map();
    for (const d of Array.isArray(calendar.days) ? calendar.days : []) byDay.set(d.date, [...(d.posts || [])]);
    for (const post of failed) {
      const when = day(new Date(post.scheduled_at || post.created_at));
      if (when >= day(from) && when < day(to)) byDay.set(when, [...(byDay.get(when) || []), post]);
    }
    replace(grid, monthGrid(month, byDay, () => load(grid, notice, month, signal), notice, signal));
    markDataShown('calendar');
  } catch (error) {
    if (error.name !== 'AbortError') replace(grid, h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

/**
 * Every failed post, page after page by the list's cursor (a post may fail on a day long after it was created, so
 * no page can be skipped), up to FAILED_PAGES pages.
 */
async function failedPosts(signal) {
  const posts = [];
  let cursor = null;
  for (let page = 0; page < FAILED_PAGES; page += 1) {
    const answer = await api('GET', `/api/sns/instagram/posts?state=failed&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      undefined, { signal });
    posts.push(...(Array.isArray(answer.posts) ? answer.posts : []));
    if (!answer.has_more || !answer.next_cursor) break;
    cursor = answer.next_cursor;
  }
  return posts;
}

function monthGrid(month, byDay, reload, notice, signal) {
  const days = [];
  for (let d = month; d < addMonths(month, 1); d = new Date(d.getTime() + 86_400_000)) days.push(d);
  const weekdays = Array.from({ length: 7 }, (_, i) => weekdayName(new Date(Date.UTC(2024, 0, 1 + i)), 'short'));
  const offset = (month.getUTCDay() + 6) % 7;   // Monday first
  return [
    h('ol', { class: 'weekdays', 'aria-hidden': 'true' }, weekdays.map((w) => h('li', {}, w))),
    h('ol', { class: 'month' }, days.map((d, i) => {
      const posts = byDay.get(day(d)) || [];
      return h('li', { class: `day${posts.length ? '' : ' empty'}${i === 0 ? ` start-${offset}` : ''}`, 'data-day': day(d) },
        h('h3', {}, h('span', { class: 'weekday' }, `${weekdayName(d, 'short')} `), dayTitle(d)),
        posts.length ? h('ul', { class: 'day-posts' }, posts.map((p) => postItem(p, reload, notice, signal))) : null);
    })),
    byDay.size ? null : h('p', { class: 'muted', 'data-calendar-empty': '' }, t('calendar.none')),
  ];
}

/** One post on its day: state, time, caption (as text), and the button its state allows. */
function postItem(post, reload, notice, signal) {
  const id = String(post.id);
  const state = String(post.state ?? '');
  const when = post.published_at || post.scheduled_at || post.created_at;
  const alert = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const act = async (method, path, done) => {
    try {
      await api(method, path, undefined, { signal });
      notice.textContent = done;
      notice.hidden = false;
      await reload();
      notice.focus?.();
    } catch (error) {
      if (error.name !== 'AbortError') { alert.textContent = error.message; alert.hidden = false; }
    }
  };
  let button = null;
  if (state === 'failed') {
    button = h('button', { type: 'button', 'data-retry': id, 'aria-label': t('calendar.retryNamed', { id }),
      onclick: () => act('POST', `/api/sns/instagram/posts/${encodeURIComponent(id)}/retry`, t('calendar.retried', { id })) },
    t('calendar.retry'));
  } else if (state === 'scheduled') {
    button = h('button', { type: 'button', class: 'danger', 'data-cancel': id, 'aria-label': t('calendar.cancelNamed', { id }),
      onclick: () => { if (window.confirm(t('calendar.confirmCancel', { id }))) act('DELETE', `/api/sns/instagram/posts/${encodeURIComponent(id)}`, t('calendar.cancelled', { id })); } },
    t('calendar.cancel'));
  }
  const caption = String(post.content ?? '');
  const move = state === 'scheduled' ? moveControl(post, reload, notice, signal) : null;
  return h('li', { class: `cal-post state-${state}`, 'data-post-id': id, 'data-state': state },
    h('p', {}, h('strong', {}, label('publish.state', state)), ` · ${formatDate(when)}`),
    h('p', { class: 'cal-caption' }, caption.length > 80 ? `${caption.slice(0, 79)}…` : caption),
    post.error?.message ? h('p', { class: 'field-error' }, String(post.error.message)) : null,
    alert,
    h('div', { class: 'row' }, h('a', { href: `#/publish/${encodeURIComponent(id)}`, 'aria-label': t('calendar.openNamed', { id }) },
      t('calendar.open')), button),
    move);
}

/** A scheduled post's new time (UTC, RFC 3339): PATCH …/posts/{id}; the API's message next to the field. */
function moveControl(post, reload, notice, signal) {
  const id = String(post.id);
  const form = h('form', { class: 'stack', novalidate: true, 'data-move-form': id },
    field({ name: 'scheduled_at', label: t('calendar.newTime'), hint: t('calendar.newTimeHint'), autocomplete: 'off',
            spellcheck: 'false', value: utcText(post.scheduled_at) }),
    formAlert(),
    h('div', {}, h('button', { type: 'submit', 'data-move': id }, t('calendar.moveSubmit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(form, true);
    try {
      const moved = await api('PATCH', `/api/sns/instagram/posts/${encodeURIComponent(id)}`,
        { scheduled_at: form.elements.namedItem('scheduled_at').value.trim() }, { signal });
      notice.textContent = t('calendar.moved', { id, when: formatDate(moved.scheduled_at) });
      notice.hidden = false;
      await reload();
    } catch (error) {
      if (error.name === 'AbortError') return;
      busy(form, false);
      showError(form, error, 'scheduled_at');
    }
  });
  return h('details', { class: 'move' }, h('summary', { 'data-move-open': id, 'aria-label': t('calendar.moveNamed', { id }) },
    t('calendar.move')), form);
}

/** `2026-12-24T09:00:00Z`: a time as the API takes it, to the second. */
function utcText(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 19)}Z`;
}

function parseMonth(text) {
  const m = /^(\d{4})-(\d{2})$/.exec(text || '');
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}
function thisMonth() { const now = new Date(); return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)); }
function addMonths(d, n) { return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)); }
/** `2026-12-24`: a UTC day, as the API names days. */
function day(d) { return d.toISOString().slice(0, 10); }
function monthKey(d) { return day(d).slice(0, 7); }
function locale() { return lang() === 'ko' ? 'ko-KR' : 'en-GB'; }
function monthTitle(d) { return d.toLocaleDateString(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }); }
function dayTitle(d) { return d.toLocaleDateString(locale(), { day: 'numeric', month: 'long', timeZone: 'UTC' }); }
function weekdayName(d, style) { return d.toLocaleDateString(locale(), { weekday: style, timeZone: 'UTC' }); }

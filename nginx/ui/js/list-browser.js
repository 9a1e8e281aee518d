// Browsing one list of a finished analysis (up to 100k+ users) without freezing the page: the list arrives in
// pages of 1,000 (GET /api/status/{id}?list=NAME&cursor=&limit=1000, one request at a time) while the first
// page is already shown; search, sort and paging work on what has arrived, 50 rows drawn at a time.
import { api } from './api.js';
import { h, replace, uid } from './dom.js';
import { formatNumber, t } from './i18n.js';

const FETCH = 1000;
const ROWS = 50;

/** A browser of `list` of job `jobID`; `onFirstPage` runs once the first rows are on screen. */
export function listBrowser(jobID, list, expected, signal, onFirstPage) {
  const users = [];           // as the API sends them (username order)
  let view = users;           // filtered and sorted
  let page = 0; let complete = false; let failed = null;
  let sort = 'username-asc';

  const searchId = uid('search'); const sortId = uid('sort');
  const search = h('input', { type: 'search', id: searchId, name: 'q', autocomplete: 'off', 'data-list-search': '' });
  const sortSelect = h('select', { id: sortId, name: 'sort', 'data-list-sort': '' },
    ['username-asc', 'username-desc', 'name-asc', 'name-desc'].map((v) => h('option', { value: v }, t(`analysis.sort.${v}`))));
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-list-status': '' });
  const body = h('tbody');
  const prev = h('button', { type: 'button', class: 'secondary' }, t('analysis.prev'));
  const next = h('button', { type: 'button', class: 'secondary' }, t('analysis.next'));
  const pageText = h('span', { 'data-page': '' });
  const exportButton = h('button', { type: 'button', class: 'secondary', 'data-export': '' }, t('analysis.export'));
  const element = h('div', { 'data-list': list },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: searchId }, t('analysis.search')), search),
      h('div', { class: 'field' }, h('label', { for: sortId }, t('analysis.sortBy')), sortSelect)),
    status,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('analysis.colUsername')),
        h('th', { scope: 'col' }, t('analysis.colName')), h('th', { scope: 'col' }, t('analysis.colFlags')))),
      body)),
    h('div', { class: 'pager' }, prev, pageText, next, exportButton));

  let timer = 0;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { page = 0; refilter(); }, 120); });
  sortSelect.addEventListener('change', () => { sort = sortSelect.value; page = 0; refilter(); });
  prev.addEventListener('click', () => { page = Math.max(0, page - 1); draw(); });
  next.addEventListener('click', () => { page += 1; draw(); });
  exportButton.addEventListener('click', () => exportCSV(`${list}-${jobID}.csv`, view));

  function refilter() {
    const q = search.value.trim().toLowerCase();
    view = q ? users.filter((u) => u.key.includes(q)) : users.slice();
    if (sort !== 'username-asc') {
      const field = sort.startsWith('name') ? 'nameKey' : 'userKey';
      const dir = sort.endsWith('desc') ? -1 : 1;
      view.sort((a, b) => (a[field] < b[field] ? -dir : a[field] > b[field] ? dir : 0));
    }
    draw();
  }

  function draw() {
    const pages = Math.max(1, Math.ceil(view.length / ROWS));
    page = Math.min(page, pages - 1);
    const rows = view.slice(page * ROWS, page * ROWS + ROWS);
    replace(body, rows.length ? rows.map((u) => h('tr', {},
      h('td', {}, `@${u.username}`), h('td', {}, u.full_name),
      h('td', {}, [u.is_verified ? t('analysis.verified') : '', u.is_private ? t('analysis.private') : ''].filter(Boolean).join(', '))))
      : h('tr', {}, h('td', { colspan: '3', class: 'muted' }, t(complete ? 'analysis.noUsers' : 'app.loading'))));
    pageText.textContent = t('analysis.page', { page: formatNumber(page + 1), pages: formatNumber(pages) });
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    status.textContent = failed ? failed
      : t(complete ? 'analysis.shown' : 'analysis.loadingRows', {
        shown: formatNumber(view.length), loaded: formatNumber(users.length), total: formatNumber(expected ?? users.length) });
  }

  async function fetchAll() {
    let cursor = '';
    do {
      const query = `?list=${encodeURIComponent(list)}&limit=${FETCH}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await api('GET', `/api/status/${encodeURIComponent(jobID)}${query}`, undefined, { signal });
      const part = answer.results?.[list] || {};
      for (const u of Array.isArray(part.users) ? part.users : []) {
        const username = String(u.username ?? ''); const fullName = String(u.full_name ?? '');
        users.push({ username, full_name: fullName, pk: String(u.pk ?? ''), is_private: !!u.is_private,
                     is_verified: !!u.is_verified, userKey: username.toLowerCase(), nameKey: fullName.toLowerCase(),
                     key: `${username}\n${fullName}`.toLowerCase() });
      }
      cursor = typeof part.next_cursor === 'string' ? part.next_cursor : '';
      const first = users.length <= FETCH;
      complete = !cursor;
      // Redraw the visible page only while it may change (search or sort over a growing list).
      if (first || complete || search.value || sort !== 'username-asc') refilter(); else { view = users; draw(); }
      if (first) onFirstPage?.();
    } while (cursor);
  }

  fetchAll().catch((error) => {
    if (error.name === 'AbortError') return;
    failed = error.message; draw();
  });
  draw();
  return element;
}

/** The rows as CSV (the API's columns), with cells a spreadsheet would run as formulas made plain text. */
function exportCSV(name, rows) {
  const cell = (v) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = ['pk,username,full_name,is_private,is_verified'];
  for (const u of rows) lines.push([u.pk, u.username, u.full_name, u.is_private, u.is_verified].map(cell).join(','));
  const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Saving an API answer as a file: the API wants the key in a header, so a CSV export is fetched with it and handed
// to the browser as a download (a plain link could not send the key).
import { api } from './api.js';
import { h } from './dom.js';

/** Fetches `path` as CSV and saves it as `name`. */
export async function saveCSV(path, name, signal) {
  const text = await api('GET', path, undefined, { signal, accept: 'text/csv' });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// The JSON API, with the key kept in session storage (gone when the tab closes) and sent as a Bearer token.
const KEY = 'instagate.key';

/** An error answer: the API's envelope (`error_code`, `message`, `errors` naming the bad fields). */
export class APIError extends Error {
  constructor(status, body) {
    super(body && typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && typeof body.error_code === 'string' ? body.error_code : 'HTTP_' + status;
    this.fields = body && body.errors && typeof body.errors === 'object' ? body.errors : {};
  }
}

export const auth = {
  key() { return sessionStorage.getItem(KEY) || ''; },
  set(key) { if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY); },
  /** True once /api/me answered (with the stored key, or without one in a single-user setup). */
  signedIn: false,
  user: null,
};

let onUnauthorized = () => {};
/** Called when an authenticated call answers 401 (the key was revoked or is wrong). */
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

/**
 * Calls the API: `api('POST', '/api/download', {url})`. Resolves with the parsed JSON (or text for CSV),
 * throws APIError for an error answer (also the network's: status 0).
 */
export async function api(method, path, body, options = {}) {
  const headers = { Accept: options.accept || 'application/json' };
  const key = options.key !== undefined ? options.key : auth.key();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                   signal: options.signal, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new APIError(0, { error_code: 'NETWORK_ERROR', message: error.message });
  }
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const error = new APIError(response.status, typeof parsed === 'object' ? parsed : null);
    error.retryAfter = Number(response.headers.get('Retry-After')) || 0;
    if (response.status === 401 && options.key === undefined) onUnauthorized(error);
    throw error;
  }
  if (parsed && typeof parsed === 'object') parsed.httpStatus = response.status;
  return parsed;
}

/**
 * Whether a failed call may work if asked again (the network, a gateway's 502/503/504, a 429): a page following a
 * job keeps polling through these instead of giving up.
 */
export function transient(error) {
  return error.status === 0 || error.status === 429 || error.status >= 502;
}

/** Resolves after `ms`, or rejects with AbortError when `signal` aborts first. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); },
                            { once: true });
  });
}

/**
 * Fetches `path` as CSV and saves it as the file `name`: the key goes in a header, so a CSV export cannot be a plain
 * link; the answer is handed to the browser as a download instead.
 */
export async function saveCSV(path, name, signal) {
  const text = await api('GET', path, undefined, { signal, accept: 'text/csv' });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Drafts of feed photos (`"draft": true` on POST /api/sns/instagram/posts): the list of this user's drafts (GET
// …/posts?state=draft) and the button that publishes one (POST …/posts/{id}/publish). Used by the publish page.
import { api } from './api.js';
import { h, replace } from './dom.js';
import { formatDate, formatNumber, t } from './i18n.js';

/** A section listing every draft (newest first, 100 at most), each a link to its page. */
export function draftsList(signal) {
  const body = h('div', { 'data-drafts': '' }, h('p', { class: 'muted' }, t('app.loading')));
  const section = h('section', { 'aria-labelledby': 'drafts-title' }, h('h2', { id: 'drafts-title' }, t('drafts.title')), body);
  api('GET', '/api/sns/instagram/posts?state=draft&limit=100', undefined, { signal }).then((answer) => {
    const drafts = Array.isArray(answer.posts) ? answer.posts : [];
    replace(body, drafts.length
      ? [h('p', { class: 'muted' }, t('drafts.count', { n: formatNumber(drafts.length) })),
         h('ul', { class: 'drafts' }, drafts.map((post) => h('li', { 'data-draft-id': String(post.id) },
           h('a', { href: `#/publish/${encodeURIComponent(String(post.id))}` }, caption(post)),
           ` · ${formatDate(post.created_at)}`)))]
      : h('p', { class: 'muted', 'data-drafts-none': '' }, t('drafts.none')));
  }).catch((error) => {
    if (error.name !== 'AbortError') replace(body, h('p', { class: 'alert', role: 'alert' }, error.message));
  });
  return section;
}

/** A draft's "publish now" button; `published(post)` is called with the API's answer (the post, queued). */
export function publishDraftButton(id, signal, published) {
  const alert = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-draft-error': '' });
  const button = h('button', { type: 'button', 'data-publish-draft': id }, t('drafts.publish'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    alert.hidden = true;
    try {
      published(await api('POST', `/api/sns/instagram/posts/${encodeURIComponent(id)}/publish`, undefined, { signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      button.disabled = false;
      alert.textContent = error.message;
      alert.hidden = false;
    }
  });
  return h('div', { class: 'row', 'data-draft-actions': '' }, h('p', { class: 'muted' }, t('drafts.hint')), button, alert);
}

function caption(post) {
  const text = String(post.content ?? '').trim();
  if (!text) return t('drafts.untitled', { id: String(post.id) });
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

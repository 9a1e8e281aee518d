// Publishing on a connected account: compose a feed photo, a reel, a story or a carousel (its items reordered by
// dragging or from the keyboard) with Meta's rules shown while typing and checked before submitting, then the
// post's state and progress while the worker publishes it (GET /api/sns/instagram/posts/{id}, polled). A feed photo
// may be saved as a draft instead (listed under the form, published from its page). #/publish/new/ACCOUNT_ID[/KIND]
// composes for that account, #/publish/ID shows one post.
import { api, sleep } from '../api.js';
import { h, markDataShown, replace, uid } from '../dom.js';
import { busy, clearErrors, field, formAlert, showError } from '../forms.js';
import { formatDate, formatNumber, label, t } from '../i18n.js';
import { carouselEditor } from '../carousel-items.js';
import { draftsList, publishDraftButton } from '../drafts.js';
import { MAX_CAPTION, MAX_HASHTAGS, MAX_MENTIONS, checkCompose } from '../post-rules.js';

const POLL_MS = 1000;
// The job's steps, in order, by the API's `progress` words: the bar's value.
const STEPS = ['queued', 'creating the media container', 'waiting for the container to finish', 'publishing the container', 'published'];

export default {
  route: 'publish',
  title: 'publish.title',
  nav: 'nav.publish',
  needsKey: true,
  mount(main, app) {
    const stop = new AbortController();
    main.append(h('h1', {}, t('publish.title')));
    const [first, second] = app.args;
    if (first && first !== 'new') postView(main, first, stop.signal);
    else composeView(main, app, first === 'new' ? second : undefined, stop.signal);
    return () => stop.abort();
  },
};

const KINDS = ['photo', 'reel', 'story', 'carousel'];

/** A field shown only for some kinds of post (`kinds`: space-separated). */
function forKinds(kinds, element) {
  element.dataset.kinds = kinds;
  return element;
}

function textArea(name, labelText, rows, extraDescribedBy) {
  const id = uid(`f-${name}`);
  const area = h('textarea', { id, name, rows: String(rows), 'aria-describedby': [extraDescribedBy?.(id), `${id}-error`].filter(Boolean).join(' ') });
  return { id, area, wrap: (...more) => h('div', { class: 'field' }, h('label', { for: id }, labelText), area, ...more,
    h('span', { class: 'field-error', id: `${id}-error`, hidden: true, 'data-error-for': name })) };
}

function composeView(main, app, accountID, signal) {
  const accountSelectID = uid('f-account');
  const account = h('select', { id: accountSelectID, name: 'account_id', 'aria-describedby': `${accountSelectID}-error` });
  const captionField = textArea('caption', t('publish.caption'), 5, (id) => `${id}-counts`);
  const caption = captionField.area;
  const counts = h('p', { class: 'hint', id: `${captionField.id}-counts`, 'aria-live': 'polite', 'data-counts': '' });
  const textField = textArea('text', t('compose.storyText'), 2);
  const carousel = carouselEditor(() => recount());
  const startKind = KINDS.includes(app.args[2]) ? app.args[2] : 'photo';
  const kinds = h('fieldset', { class: 'kinds-box' }, h('legend', {}, t('compose.kind')),
    h('div', { class: 'kinds' }, KINDS.map((kind) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: 'kind', value: kind, checked: kind === startKind, 'data-kind': kind }), t(`compose.kind.${kind}`)))));
  const form = h('form', { class: 'stack', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: accountSelectID }, t('publish.account')), account,
      h('span', { class: 'field-error', id: `${accountSelectID}-error`, hidden: true, 'data-error-for': 'account_id' })),
    kinds,
    forKinds('photo story', field({ name: 'image_url', label: t('publish.imageURL'), hint: t('publish.imageURLHint'), inputmode: 'url',
                                     autocomplete: 'off', spellcheck: 'false', placeholder: 'https://…/photo.jpg' })),
    forKinds('reel story', field({ name: 'video_url', label: t('compose.videoURL'), hint: t('compose.videoURLHint'), inputmode: 'url',
                                    autocomplete: 'off', spellcheck: 'false', placeholder: 'https://…/video.mp4' })),
    forKinds('reel', field({ name: 'thumbnail_url', label: t('compose.coverURL'), hint: t('compose.coverURLHint'), inputmode: 'url',
                              autocomplete: 'off', spellcheck: 'false' })),
    forKinds('reel', h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'share_to_feed', checked: true }), t('compose.shareToFeed'))),
    forKinds('story', textField.wrap(h('span', { class: 'hint' }, t('compose.storyHint')))),
    carousel.element,
    forKinds('photo reel carousel', captionField.wrap(counts)),
    forKinds('photo reel carousel', field({ name: 'hashtags', label: t('publish.hashtags'), hint: t('publish.hashtagsHint'), autocomplete: 'off', spellcheck: 'false' })),
    formAlert(),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('publish.submit')),
      forKinds('photo', h('button', { type: 'submit', class: 'secondary', 'data-draft': '' }, t('drafts.save')))));
  const kind = () => form.querySelector('input[name=kind]:checked')?.value || 'photo';
  const value = (name) => form.elements.namedItem(name).value.trim();
  const values = () => ({ accountID: account.value, imageURL: value('image_url'), videoURL: value('video_url'),
                          thumbnailURL: value('thumbnail_url'), shareToFeed: form.elements.namedItem('share_to_feed').checked,
                          text: textField.area.value, caption: caption.value, hashtags: form.elements.namedItem('hashtags').value,
                          items: carousel.items() });
  function recount() {
    const { counts: c } = checkCompose(kind(), values());
    counts.textContent = t('publish.counts', { characters: formatNumber(c.characters), maxCharacters: formatNumber(MAX_CAPTION),
      hashtags: formatNumber(c.hashtags), maxHashtags: MAX_HASHTAGS, mentions: formatNumber(c.mentions), maxMentions: MAX_MENTIONS });
    counts.classList.toggle('over', c.characters > MAX_CAPTION || c.hashtags > MAX_HASHTAGS || c.mentions > MAX_MENTIONS);
  }
  function showKind() {
    for (const el of form.querySelectorAll('[data-kinds]')) el.hidden = !el.dataset.kinds.split(' ').includes(kind());
    form.dataset.kind = kind();
  }
  kinds.addEventListener('change', () => { clearErrors(form); showKind(); recount(); });
  form.addEventListener('input', recount);
  showKind();
  recount();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const checked = checkCompose(kind(), values());
    // Meta's rules first, in the browser: nothing is sent while a field breaks one.
    if (Object.keys(checked.errors).length) {
      showError(form, { message: t('publish.fixFields'), fields: checked.errors, status: 422 });
      return;
    }
    const asDraft = Boolean(event.submitter?.hasAttribute('data-draft')) && kind() === 'photo';
    busy(form, true);
    try {
      const answer = await api('POST', checked.path, asDraft ? { ...checked.body, draft: true } : checked.body, { signal });
      app.go('publish', String(answer.id));
    } catch (error) {
      if (error.name === 'AbortError') return;
      busy(form, false);
      showError(form, error, kind() === 'reel' ? 'video_url' : kind() === 'carousel' ? 'items' : 'image_url');
    }
  });

  main.append(h('p', { class: 'muted' }, t('publish.intro')), form, draftsList(signal));
  api('GET', '/api/sns/instagram/accounts', undefined, { signal }).then((answer) => {
    const accounts = (Array.isArray(answer.accounts) ? answer.accounts : []).filter((a) => a.status === 'connected');
    if (!accounts.length) {
      form.replaceChildren(h('p', { class: 'muted', 'data-no-accounts': '' }, t('publish.noAccounts'), ' ',
        h('a', { href: '#/accounts' }, t('publish.connectOne'))));
    } else {
      account.append(...accounts.map((a) => h('option', { value: String(a.account_id) }, `@${a.account_name ?? a.username}`)));
      if (accountID && accounts.some((a) => String(a.account_id) === accountID)) account.value = accountID;
      clearErrors(form);
    }
    markDataShown('publish');
  }).catch((error) => {
    if (error.name !== 'AbortError') form.prepend(h('p', { class: 'alert', role: 'alert' }, error.message));
  });
}

/** One post: its state and the job's steps as a bar, polled until published or failed; a draft's publish button. */
async function postView(main, id, signal) {
  const head = h('div', { 'aria-live': 'polite', 'data-post-state': '' });
  const bar = h('progress', { max: STEPS.length - 1, value: 0, 'aria-labelledby': 'post-progress-text' });
  const barText = h('span', { id: 'post-progress-text' });
  const progressBox = h('div', { class: 'progress-box', 'data-progress': '' }, barText, bar);
  const actions = h('div', {});
  const details = h('section', { 'data-post': '' });
  main.append(h('p', {}, h('a', { href: '#/publish' }, t('publish.another'))), head, progressBox, actions, details);
  const follow = async () => {
    for (;;) {
      const post = await api('GET', `/api/sns/instagram/posts/${encodeURIComponent(id)}`, undefined, { signal });
      const state = String(post.state ?? '');
      const step = Math.max(0, STEPS.indexOf(String(post.progress ?? '')));
      replace(head, h('p', {}, h('strong', { 'data-state': state }, label('publish.state', state)),
        ` · ${t('publish.postId', { id })}`));
      bar.value = state === 'published' ? STEPS.length - 1 : step;
      barText.textContent = t('publish.step', { step: formatNumber(step + 1), steps: formatNumber(STEPS.length), what: stepText(post) });
      progressBox.hidden = state === 'published' || state === 'failed' || state === 'draft';
      if (state !== 'draft') actions.replaceChildren();
      replace(details,
        post.error ? h('div', { class: 'alert', role: 'alert', 'data-post-error': '' }, String(post.error.message ?? ''),
          post.error.code ? ` (${[post.error.code, post.error.subcode].filter(Boolean).join('/')})` : '') : null,
        h('dl', { class: 'facts' },
          h('dt', {}, t('publish.caption')), h('dd', { class: 'caption', 'data-caption': '' }, String(post.content ?? '')),
          h('dt', {}, t(mediaNoun(post) === 'video' ? 'compose.videoURL' : 'publish.imageURL')), h('dd', { class: 'wrap' }, String(post.media_url ?? '')),
          h('dt', {}, t('publish.created')), h('dd', {}, formatDate(post.created_at)),
          post.published_at ? [h('dt', {}, t('publish.published')), h('dd', {}, formatDate(post.published_at))] : null,
          post.platform_post_id ? [h('dt', {}, t('publish.mediaId')), h('dd', { 'data-media-id': '' }, String(post.platform_post_id))] : null,
          post.permalink ? [h('dt', {}, t('publish.permalink')),
            h('dd', {}, h('a', { href: String(post.permalink), rel: 'noopener', 'data-permalink': '' }, String(post.permalink)))] : null));
      markDataShown('publish');
      if (state === 'draft') {
        // Nothing moves until it is published: no polling, a button instead (then followed as any post).
        replace(actions, publishDraftButton(id, signal, () => follow().catch(shown)));
        return;
      }
      if (state === 'published' || state === 'failed') return;
      await sleep(POLL_MS, signal);
    }
  };
  const shown = (error) => {
    if (error.name !== 'AbortError') replace(head, h('p', { class: 'alert', role: 'alert' }, error.message));
  };
  await follow().catch(shown);
}

/** What Meta is processing: `video` (a reel, a video story), `media` (a carousel) or `image`. */
function mediaNoun(post) {
  const type = String(post.media_type ?? '').toUpperCase();
  if (type === 'REELS' || type === 'VIDEO' || (type === 'STORIES' && post.media?.video_url)) return 'video';
  return type === 'CAROUSEL' ? 'media' : 'image';
}

/** The job's step in words; the container's processing names the kind of media (a reel's is a video). */
function stepText(post) {
  const progress = String(post.progress ?? '');
  if (progress === 'waiting for the container to finish') return t(`publish.processing.${mediaNoun(post)}`);
  return label('publish.progress', progress);
}

// Meta's rules for a post, as the publishing endpoints check them (PostRequest.swift), so the compose form shows a
// problem before submitting: caption 2,200 characters with the hashtags added, 30 hashtags in all, 20 @-mentions,
// media at public http(s) URLs, a carousel of 2 to 10 items, a story of one photo or one video. The server checks
// again; its envelope wins.
import { t } from './i18n.js';
import { MAX_ITEMS, MIN_ITEMS } from './carousel-items.js';

export const MAX_CAPTION = 2200;
export const MAX_HASHTAGS = 30;
export const MAX_MENTIONS = 20;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Characters as a person (and Swift's String.count) counts them: 👍🏽 and 한 are one each. */
export function length(text) {
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}

/** The hashtags field's words, without their `#`. */
export function splitTags(text) {
  return text.split(/[\s,]+/).filter(Boolean).map((w) => (w.startsWith('#') ? w.slice(1) : w));
}

/** Whether `text` is a public-looking http(s) URL of at most 2,048 characters. */
export function isMediaURL(text) {
  let url = null;
  try { url = new URL(text); } catch { /* not a URL */ }
  return Boolean(url && /^https?:$/.test(url.protocol) && url.hostname && text.length <= 2048);
}

/**
 * The caption with the hashtags not already in it added (`full`, as the server builds it), its counts, and the
 * caption and hashtags fields' problems.
 */
export function checkCaption(caption, hashtags) {
  const errors = {};
  const tags = splitTags(hashtags);
  const bad = tags.find((tag) => !tag || length(tag) > 100 || !/^[\p{L}\p{N}_]+$/u.test(tag));
  if (bad !== undefined) errors.hashtags = t('publish.rule.tagChars', { tag: bad });
  const words = caption.split(/\s+/).filter(Boolean);
  const inCaption = new Set(words.filter((w) => w.startsWith('#') && w.length > 1).map((w) => w.slice(1).toLowerCase()));
  const added = tags.filter((tag) => !inCaption.has(tag.toLowerCase()));
  const full = added.length ? `${caption}${caption ? '\n\n' : ''}${added.map((tag) => `#${tag}`).join(' ')}` : caption;
  const counts = {
    characters: length(full),
    hashtags: inCaption.size + new Set(added.map((tag) => tag.toLowerCase())).size,
    mentions: words.filter((w) => w.startsWith('@') && w.length > 1).length,
  };
  if (!errors.hashtags && counts.hashtags > MAX_HASHTAGS) errors.hashtags = t('publish.rule.tags', { n: counts.hashtags, max: MAX_HASHTAGS });
  const problems = [];
  if (counts.mentions > MAX_MENTIONS) problems.push(t('publish.rule.mentions', { n: counts.mentions, max: MAX_MENTIONS }));
  if (counts.characters > MAX_CAPTION) problems.push(t('publish.rule.length', { n: counts.characters, max: MAX_CAPTION }));
  if (problems.length) errors.caption = problems.join(' ');
  return { errors, counts, tags, full };
}

/** {errors: {field: message}, counts: {characters, hashtags, mentions}, tags} of a feed photo about to be sent. */
export function checkPost({ accountID, imageURL, caption, hashtags }) {
  const checked = checkCaption(caption, hashtags);
  const errors = {};
  if (!accountID) errors.account_id = t('publish.rule.account');
  if (!isMediaURL(imageURL)) errors.image_url = t('publish.rule.imageURL');
  return { errors: { ...errors, ...checked.errors }, counts: checked.counts, tags: checked.tags };
}

/**
 * A post of any kind checked, and what to send: {errors, counts, path, body}. `v` holds the form's values:
 * accountID, imageURL, videoURL, thumbnailURL, shareToFeed, text, caption, hashtags, items ([{kind, url}]).
 * Reels and carousels get the hashtags in their caption, as the server would put them.
 */
export function checkCompose(kind, v) {
  const account = Number(v.accountID);
  const caption = checkCaption(v.caption, v.hashtags);
  const errors = {};
  if (!v.accountID) errors.account_id = t('publish.rule.account');
  if (kind === 'photo') {
    const checked = checkPost(v);
    return { errors: checked.errors, counts: checked.counts, path: '/api/sns/instagram/posts',
             body: { account_id: account, image_url: v.imageURL, caption: v.caption, hashtags: checked.tags } };
  }
  if (kind === 'reel') {
    if (!isMediaURL(v.videoURL)) errors.video_url = t('compose.rule.videoURL');
    if (v.thumbnailURL && !isMediaURL(v.thumbnailURL)) errors.thumbnail_url = t('compose.rule.coverURL');
    const body = { account_id: account, video_url: v.videoURL, caption: caption.full, share_to_feed: v.shareToFeed };
    if (v.thumbnailURL) body.thumbnail_url = v.thumbnailURL;
    return { errors: { ...errors, ...caption.errors }, counts: caption.counts, path: '/api/sns/instagram/reels', body };
  }
  if (kind === 'story') {
    const body = { account_id: account };
    if (v.imageURL && v.videoURL) errors.video_url = t('compose.rule.storyOne');
    else if (!v.imageURL && !v.videoURL) errors.image_url = t('compose.rule.storyNone');
    else if (v.imageURL && !isMediaURL(v.imageURL)) errors.image_url = t('publish.rule.imageURL');
    else if (v.videoURL && !isMediaURL(v.videoURL)) errors.video_url = t('compose.rule.videoURL');
    if (v.imageURL) body.image_url = v.imageURL; else body.video_url = v.videoURL;
    if (v.text.trim()) body.text = v.text;
    return { errors, counts: caption.counts, path: '/api/sns/instagram/stories', body };
  }
  const items = v.items || [];
  if (items.length < MIN_ITEMS || items.length > MAX_ITEMS) errors.items = t('compose.rule.items', { min: MIN_ITEMS, max: MAX_ITEMS, n: items.length });
  items.forEach((item, i) => {
    const field = item.kind === 'video' ? 'video_url' : 'image_url';
    if (!isMediaURL(item.url)) errors[`items[${i}].${field}`] = t(item.kind === 'video' ? 'compose.rule.videoURL' : 'publish.rule.imageURL');
  });
  return { errors: { ...errors, ...caption.errors }, counts: caption.counts, path: '/api/sns/instagram/carousels',
           body: { account_id: account, caption: caption.full,
                   items: items.map((item) => (item.kind === 'video' ? { video_url: item.url } : { image_url: item.url })) } };
}

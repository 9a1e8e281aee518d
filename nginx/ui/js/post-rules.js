// Meta's rules for a feed post, as POST /api/sns/instagram/posts checks them (PostRequest.swift), so the compose
// form shows a problem before submitting: caption 2,200 characters with the hashtags added, 30 hashtags in all,
// 20 @-mentions, a public http(s) image URL. The server checks again; its envelope wins.
import { t } from './i18n.js';

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

/** {errors: {field: message}, counts: {characters, hashtags, mentions}} of a post about to be sent. */
export function checkPost({ accountID, imageURL, caption, hashtags }) {
  const errors = {};
  if (!accountID) errors.account_id = t('publish.rule.account');
  let url = null;
  try { url = new URL(imageURL); } catch { /* not a URL */ }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname || imageURL.length > 2048) errors.image_url = t('publish.rule.imageURL');
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
  const caption_ = [];
  if (counts.mentions > MAX_MENTIONS) caption_.push(t('publish.rule.mentions', { n: counts.mentions, max: MAX_MENTIONS }));
  if (counts.characters > MAX_CAPTION) caption_.push(t('publish.rule.length', { n: counts.characters, max: MAX_CAPTION }));
  if (caption_.length) errors.caption = caption_.join(' ');
  return { errors, counts, tags };
}

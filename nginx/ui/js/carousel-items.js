// A carousel's items in order: 2 to 10 photos and videos, each a public URL. Reordered by dragging an item's handle
// (pointer events: mouse, pen and touch) or from the keyboard (the move buttons, or the arrow keys on the handle).
// Inputs are named as the API names the fields (`items[0].image_url`, `items[1].video_url`), so its errors land next
// to them.
import { h, uid } from './dom.js';
import { formatNumber, t } from './i18n.js';

export const MIN_ITEMS = 2;
export const MAX_ITEMS = 10;

/** The editor: `element` (a fieldset named `items`), `items()` ({kind, url} in order), `reset()`. */
export function carouselEditor(onChange = () => {}) {
  let ready = false;   // no onChange while the editor is being built
  const list = h('ol', { class: 'items', 'data-items': '' });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-items-status': '' });
  const add = h('button', { type: 'button', class: 'secondary', 'data-add-item': '' }, t('compose.addItem'));
  const error = h('span', { class: 'field-error', id: 'items-error', hidden: true, 'data-error-for': 'items' });
  const element = h('fieldset', { name: 'items', 'aria-describedby': 'items-hint items-error', 'data-kinds': 'carousel' },
    h('legend', {}, t('compose.items')),
    h('p', { class: 'hint', id: 'items-hint' }, t('compose.itemsHint', { min: MIN_ITEMS, max: MAX_ITEMS })),
    list, error, h('div', { class: 'row' }, add), status);

  function renumber() {
    const rows = [...list.children];
    rows.forEach((li, i) => {
      const kind = li.querySelector('select').value;
      const field = kind === 'video' ? 'video_url' : 'image_url';
      const n = formatNumber(i + 1);
      li.querySelector('.n').textContent = t('compose.item', { n });
      li.dataset.index = String(i);
      const input = li.querySelector('input');
      input.name = `items[${i}].${field}`;
      li.querySelector('[data-error-for]').dataset.errorFor = input.name;
      li.querySelector('label[data-url-label]').textContent = t(kind === 'video' ? 'compose.videoURL' : 'compose.imageURL');
      li.querySelector('select').name = `items[${i}].kind`;
      li.querySelector('[data-drag]').setAttribute('aria-label', t('compose.dragNamed', { n }));
      li.querySelector('[data-up]').setAttribute('aria-label', t('compose.upNamed', { n }));
      li.querySelector('[data-up]').disabled = i === 0;
      li.querySelector('[data-down]').setAttribute('aria-label', t('compose.downNamed', { n }));
      li.querySelector('[data-down]').disabled = i === rows.length - 1;
      li.querySelector('[data-remove]').setAttribute('aria-label', t('compose.removeNamed', { n }));
      li.querySelector('[data-remove]').disabled = rows.length <= 1;
    });
    add.disabled = rows.length >= MAX_ITEMS;
    if (ready) onChange();
  }

  function moved(li, button) {
    renumber();
    status.textContent = t('compose.moved', { n: formatNumber(Number(li.dataset.index) + 1) });
    (button && !button.disabled ? button : li.querySelector('[data-drag]')).focus();
  }

  function move(li, delta, button) {
    const other = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    if (delta < 0) list.insertBefore(li, other); else list.insertBefore(other, li);
    moved(li, button);
  }

  function item(kind = 'photo', url = '') {
    const selectID = uid('f-kind');
    const inputID = uid('f-item-url');
    const select = h('select', { id: selectID }, h('option', { value: 'photo' }, t('compose.photo')),
      h('option', { value: 'video' }, t('compose.video')));
    select.value = kind;
    const drag = h('button', { type: 'button', class: 'drag-handle', 'data-drag': '' }, '↕');
    const up = h('button', { type: 'button', class: 'secondary', 'data-up': '' }, '↑');
    const down = h('button', { type: 'button', class: 'secondary', 'data-down': '' }, '↓');
    const remove = h('button', { type: 'button', class: 'danger', 'data-remove': '' }, '✕');
    const li = h('li', { class: 'item', 'data-item': '' },
      h('div', { class: 'item-head' }, h('span', { class: 'n' }), drag, up, down, remove),
      h('div', { class: 'field' }, h('label', { for: selectID }, t('compose.itemKind')), select),
      h('div', { class: 'field' }, h('label', { for: inputID, 'data-url-label': '' }),
        h('input', { id: inputID, type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', value: url,
                     'aria-describedby': `${inputID}-error`, placeholder: 'https://…' }),
        h('span', { class: 'field-error', id: `${inputID}-error`, hidden: true, 'data-error-for': '' })));
    select.addEventListener('change', renumber);
    up.addEventListener('click', () => move(li, -1, up));
    down.addEventListener('click', () => move(li, 1, down));
    remove.addEventListener('click', () => {
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      renumber();
      next?.querySelector('input')?.focus();
    });
    drag.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        move(li, event.key === 'ArrowUp' ? -1 : 1, drag);
      }
    });
    dragging(li, drag);
    return li;
  }

  /**
   * Pointer dragging by the handle: the item follows the pointer between its siblings. The listeners are on the
   * document while dragging (moving the item in the DOM ends the handle's pointer capture).
   */
  function dragging(li, handle) {
    const follow = (event) => {
      const others = [...list.children].filter((other) => other !== li);
      const before = others.find((other) => { const r = other.getBoundingClientRect(); return event.clientY < r.top + r.height / 2; }) ?? null;
      if (before !== li.nextElementSibling) list.insertBefore(li, before);
    };
    const end = () => {
      document.removeEventListener('pointermove', follow);
      document.removeEventListener('pointerup', end);
      document.removeEventListener('pointercancel', end);
      li.classList.remove('dragging');
      moved(li, handle);
    };
    handle.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      li.classList.add('dragging');
      document.addEventListener('pointermove', follow);
      document.addEventListener('pointerup', end);
      document.addEventListener('pointercancel', end);
    });
  }

  add.addEventListener('click', () => {
    list.append(item());
    renumber();
    list.lastElementChild.querySelector('input').focus();
  });

  function reset() {
    list.replaceChildren(item(), item());
    renumber();
  }
  reset();
  ready = true;

  return {
    element,
    items: () => [...list.children].map((li) => ({ kind: li.querySelector('select').value, url: li.querySelector('input').value.trim() })),
    reset,
  };
}

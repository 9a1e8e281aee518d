// DOM helpers. Everything from the API goes into the page as text (text nodes, attribute values): no HTML is
// ever parsed from data (Tests/BrowserTests checks the sources for every HTML-parsing sink).

/** An element: h('a', {href, class: 'x', onclick: fn}, 'text', child, [more]). Strings become text nodes. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'max' || name === 'min') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends strings (as text), nodes and arrays of them; skips null, undefined and false. */
export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let idCounter = 0;
/** A unique id for label/aria links. */
export function uid(prefix) { idCounter += 1; return `${prefix}-${idCounter}`; }

/** Marks the moment a page shows its data (Tests/BrowserTests reads it: within 1 s of load). */
export function markDataShown(page) {
  if (!performance.getEntriesByName(`instagate:data:${page}`).length) performance.mark(`instagate:data:${page}`);
  document.body.dataset.loaded = page;
}

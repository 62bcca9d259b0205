import { el } from '/public/api.js';

// What every screen shares: results that appear where the action was and fade, one confirmation dialog,
// filters kept in the URL (reload and back work), times in the browser's zone.
export const $ = (id) => document.getElementById(id);

/** A result line in `target` (a status element): replaced by the next action, fading after a while. */
export function say(target, text, kind = 'ok') {
  const node = typeof target === 'string' ? $(target) : target;
  node.replaceChildren(el('span', { class: `flash ${kind}` }, text));
  node.dataset.kind = kind;
}

export function clear(target) {
  const node = typeof target === 'string' ? $(target) : target;
  node.replaceChildren();
}

/** Asks in the one confirmation dialog; resolves true on OK. */
export function confirmAction(text, ok = 'OK') {
  const dialog = $('confirm-dialog');
  $('confirm-text').textContent = text;
  $('confirm-yes').textContent = ok;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
    $('confirm-no').focus();
  });
}

/** The current tab's filters from the URL hash (#tab?key=value). */
export function readFilters() {
  const hash = window.location.hash.slice(1);
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** Keeps `params` in the URL of `tab` without a new history entry per keystroke. */
export function writeFilters(tab, params) {
  const clean = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined && v !== false) clean.set(k, String(v));
  const query = clean.toString();
  history.replaceState(null, '', `#${tab}${query ? `?${query}` : ''}`);
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** A table body's rows, or the empty state shown in its place. */
export function fill(tableId, rows, emptyId) {
  document.querySelector(`#${tableId} tbody`).replaceChildren(...rows);
  if (emptyId) {
    $(emptyId).hidden = rows.length > 0;
    $(tableId).hidden = rows.length === 0;
  }
}

/** Runs `action` with `button` disabled, so a double click never sends twice. */
export async function busy(button, action) {
  button.disabled = true;
  try { return await action(); } finally { button.disabled = false; }
}

/** Numbers each request of a screen so that a slow answer to an older one never overwrites a newer one. */
export function latest() {
  let seq = 0;
  return async (promise) => {
    const mine = ++seq;
    const result = await promise;
    if (mine !== seq) throw new Stale();
    return result;
  };
}

export class Stale extends Error {}

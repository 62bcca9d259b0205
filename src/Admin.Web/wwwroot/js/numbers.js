import { api, el } from '/public/api.js';
import { $, say, clear, confirmAction, readFilters, writeFilters, fill, busy, latest, Stale } from '/js/ui.js';

// The Numbers tab: the inventory (add from a pasted list or a CSV file with a preview, label, owned, remove).
const state = { q: '', owned: '', offset: 0, limit: 50 };
const fresh = latest();
let editing = null;

export async function initNumbers() {
  const f = readFilters();
  state.q = f.get('q') ?? '';
  state.owned = f.get('owned') ?? '';
  $('numbers-search').value = state.q;
  $('numbers-owned').value = state.owned;
  let timer;
  $('numbers-search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = $('numbers-search').value.trim(); state.offset = 0; load(); }, 250);
  });
  $('numbers-owned').addEventListener('change', () => { state.owned = $('numbers-owned').value; state.offset = 0; load(); });
  $('numbers-prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); load(); });
  $('numbers-next').addEventListener('click', () => { state.offset += state.limit; load(); });
  $('numbers-add').addEventListener('click', openAdd);
  $('numbers-cancel').addEventListener('click', () => $('numbers-dialog').close());
  $('numbers-check').addEventListener('click', () => busy($('numbers-check'), preview));
  $('numbers-text').addEventListener('input', () => { $('numbers-save').disabled = true; });
  $('numbers-file').addEventListener('change', readFile);
  $('numbers-form').addEventListener('submit', add);
  $('number-cancel').addEventListener('click', () => $('number-dialog').close());
  $('number-form').addEventListener('submit', saveNumber);
  $('number-remove').addEventListener('click', removeNumber);
  await load();
}

async function load() {
  writeFilters('numbers', { q: state.q, owned: state.owned });
  const params = new URLSearchParams({ offset: String(state.offset), limit: String(state.limit) });
  if (state.q) params.set('q', state.q);
  if (state.owned) params.set('owned', state.owned);
  let page;
  try {
    page = await fresh(api('GET', `/api/routes?${params}`));
  } catch (e) {
    if (e instanceof Stale) return;
    say('numbers-status', e.message, 'error');
    return;
  }
  fill('numbers', page.items.map(row), 'numbers-empty');
  if (page.total === 0 && (state.q || state.owned)) $('numbers-empty').textContent = 'No numbers match: clear the search or the Owned filter.';
  const last = Math.min(state.offset + page.items.length, page.total);
  $('numbers-info').textContent = page.total ? `${state.offset + 1}–${last} of ${page.total}` : '';
  $('numbers-prev').disabled = state.offset === 0;
  $('numbers-next').disabled = last >= page.total;
}

function row(n) {
  const edit = el('button', { type: 'button', class: 'link', 'aria-label': `Edit ${n.number}` }, n.number);
  edit.addEventListener('click', () => openNumber(n));
  const where = n.destinationType === 'unassigned' ? 'Not assigned' : `${n.destinationTypeName}: ${n.destinationUserName ?? n.destination ?? ''}`;
  return el('tr', { 'data-number': n.number, class: n.owned ? '' : 'muted-row' },
    el('td', {}, edit), el('td', {}, n.label ?? ''), el('td', {}, n.owned ? 'yes' : 'no'), el('td', {}, where),
    el('td', {}, ''));
}

function openAdd() {
  $('numbers-text').value = '';
  $('numbers-file').value = '';
  $('numbers-label').value = '';
  $('numbers-notowned').checked = false;
  $('numbers-save').disabled = true;
  clear('numbers-preview-summary');
  $('numbers-preview').replaceChildren();
  clear('numbers-error');
  $('numbers-dialog').showModal();
  $('numbers-text').focus();
}

async function readFile() {
  const file = $('numbers-file').files[0];
  if (!file) return;
  $('numbers-text').value = await file.text();
  $('numbers-save').disabled = true;
  await preview();
}

function request(previewOnly) {
  return {
    text: $('numbers-text').value,
    label: $('numbers-label').value || null,
    owned: $('numbers-notowned').checked ? false : null,
    preview: previewOnly,
  };
}

async function preview() {
  clear('numbers-error');
  try {
    const p = await api('POST', '/api/numbers', request(true));
    say('numbers-preview-summary', `${p.add} to add, ${p.update} to update, ${p.unchanged} already as given, ${p.refused} refused.`, p.refused ? 'error' : 'ok');
    $('numbers-preview').replaceChildren(...p.rows.filter((r) => r.action === 'refused').slice(0, 20)
      .map((r) => el('li', { class: 'error' }, r.why)));
    $('numbers-save').disabled = p.refused > 0 || p.add + p.update === 0;
    if (!$('numbers-save').disabled) $('numbers-save').textContent = `Add ${p.add + p.update} number${p.add + p.update === 1 ? '' : 's'}`;
  } catch (e) {
    say('numbers-error', e.message, 'error');
  }
}

async function add(event) {
  event.preventDefault();
  await busy($('numbers-save'), async () => {
    try {
      const r = await api('POST', '/api/numbers', request(false));
      $('numbers-dialog').close();
      say('numbers-status', `Added ${r.added} number${r.added === 1 ? '' : 's'}, updated ${r.updated}.`);
      await load();
    } catch (e) {
      say('numbers-error', e.message, 'error');
    }
  });
}

function openNumber(n) {
  editing = n;
  $('number-title').textContent = n.number;
  $('number-label').value = n.label ?? '';
  $('number-owned').checked = n.owned;
  clear('number-error');
  $('number-dialog').showModal();
}

async function saveNumber(event) {
  event.preventDefault();
  try {
    await api('PUT', `/api/numbers/${encodeURIComponent(editing.number)}`, { label: $('number-label').value, owned: $('number-owned').checked });
    $('number-dialog').close();
    say('numbers-status', `${editing.number} saved.`);
    await load();
  } catch (e) {
    say('number-error', e.message, 'error');
  }
}

async function removeNumber() {
  const number = editing.number;
  $('number-dialog').close();
  if (!await confirmAction(`Remove ${number} from the inventory?`, 'Remove')) return;
  try {
    await api('DELETE', `/api/numbers/${encodeURIComponent(number)}`);
    say('numbers-status', `${number} removed.`);
    await load();
  } catch (e) {
    say('numbers-status', e.message, 'error');
  }
}

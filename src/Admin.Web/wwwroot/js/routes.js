import { api, el } from '/public/api.js';
import { say, clear, confirmAction, readFilters, writeFilters, when } from '/js/ui.js';

// The Inbound routes tab: a server-paged table, the edit pop-up of one number and the assign pop-up of many.
const state = { type: '', q: '', owned: '', sort: 'number', desc: false, offset: 0, limit: 50, total: 0 };
const selected = new Set();
let allMatching = false;
// Numbers each table request so that a slow answer to an older filter never overwrites a newer one.
let loadSeq = 0;
// The agent list the pop-ups offer, fetched beside the first page of the table.
let agents = Promise.resolve([]);

const $ = (id) => document.getElementById(id);

export async function initRoutes() {
  // Listeners first: an admin (or a test) may pick a filter while the first requests are still in flight,
  // and a change fired before its listener exists is lost.
  const f = readFilters();
  state.type = f.get('type') ?? '';
  state.q = f.get('q') ?? '';
  state.owned = f.get('owned') ?? '';
  $('route-type').value = state.type;
  $('route-search').value = state.q;
  $('route-owned').value = state.owned;
  $('route-type').addEventListener('change', () => { state.type = $('route-type').value; reset(); });
  $('route-owned').addEventListener('change', () => { state.owned = $('route-owned').value; reset(); });
  $('edit-explain').addEventListener('click', explain);
  $('edit-history-box').addEventListener('toggle', showHistory);
  let searchTimer;
  $('route-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { state.q = $('route-search').value.trim(); reset(); }, 250);
  });
  for (const th of document.querySelectorAll('#routes th[data-sort]')) {
    th.addEventListener('click', () => {
      state.desc = state.sort === th.dataset.sort ? !state.desc : false;
      state.sort = th.dataset.sort;
      state.offset = 0;
      load();
    });
  }
  $('page-prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); load(); });
  $('page-next').addEventListener('click', () => { state.offset += state.limit; load(); });
  $('select-page').addEventListener('change', () => {
    for (const box of document.querySelectorAll('#routes tbody input[type=checkbox]:not(:disabled)')) {
      box.checked = $('select-page').checked;
      toggle(box.dataset.number, box.checked);
    }
  });
  $('select-matching').addEventListener('change', () => { allMatching = $('select-matching').checked; render(); });
  $('assign-selected').addEventListener('click', openAssign);
  $('assign-cancel').addEventListener('click', () => $('assign-dialog').close());
  $('assign-form').addEventListener('submit', assign);
  $('callback-selected').addEventListener('click', openCallback);
  $('callback-cancel').addEventListener('click', () => $('callback-dialog').close());
  $('callback-form').addEventListener('submit', setCallbacks);
  $('edit-cancel').addEventListener('click', () => $('edit-dialog').close());
  $('edit-type').addEventListener('change', showEditFields);
  $('edit-form').addEventListener('submit', saveEdit);
  agents = api('GET', '/api/agents');
  await Promise.all([load(), agents]);
}

function reset() {
  clear('route-status');
  state.offset = 0;
  selected.clear();
  allMatching = false;
  $('select-matching').checked = false;
  load();
}

function toggle(number, on) {
  if (on) selected.add(number); else selected.delete(number);
  render();
}

function render() {
  const count = allMatching ? state.total : selected.size;
  // Nothing assignable: queue numbers and numbers we do not own cannot be given to an agent.
  const nothing = allMatching && (state.type === 'queue' || state.owned === 'false');
  $('assign-selected').disabled = count === 0 || nothing;
  $('select-matching').disabled = state.total === 0 || state.type === 'queue' || state.owned === 'false';
  $('assign-selected').textContent = count ? `Assign ${count} number${count === 1 ? '' : 's'}…` : 'Assign…';
  // The callback window is set on the numbers picked one by one (the API takes a list, not a filter).
  $('callback-selected').disabled = allMatching || selected.size === 0;
  $('callback-selected').title = allMatching ? 'Pick the numbers on the page: a callback window is not set on a whole filter' : '';
  $('select-matching-label').textContent = `All ${state.total} matching the filter`;
  for (const box of document.querySelectorAll('#routes tbody input[type=checkbox]')) {
    if (allMatching && !box.disabled) box.checked = true;
  }
}

async function load() {
  const params = new URLSearchParams({ sort: state.sort, desc: String(state.desc), offset: String(state.offset), limit: String(state.limit) });
  if (state.type) params.set('type', state.type);
  if (state.q) params.set('q', state.q);
  if (state.owned) params.set('owned', state.owned);
  writeFilters('routes', { type: state.type, q: state.q, owned: state.owned });
  const seq = ++loadSeq;
  let page;
  try {
    page = await api('GET', `/api/routes?${params}`);
  } catch (e) {
    if (seq !== loadSeq) return;
    say('route-status', e.message, 'error');
    return;
  }
  if (seq !== loadSeq) return;
  state.total = page.total;
  const body = document.querySelector('#routes tbody');
  body.replaceChildren(...page.items.map(row));
  for (const th of document.querySelectorAll('#routes th[data-sort]')) {
    if (th.dataset.sort === state.sort) th.setAttribute('aria-sort', state.desc ? 'descending' : 'ascending');
    else th.removeAttribute('aria-sort');
  }
  const last = Math.min(state.offset + page.items.length, page.total);
  $('page-info').textContent = page.total ? `${state.offset + 1}–${last} of ${page.total}` : 'No numbers match';
  $('page-prev').disabled = state.offset === 0;
  $('page-next').disabled = last >= page.total;
  $('select-page').checked = false;
  render();
}

function row(r) {
  // Inbound-queue numbers and numbers we do not own are greyed out and cannot be picked for an agent assignment.
  const selectable = r.selectable && r.owned;
  const box = el('input', {
    type: 'checkbox',
    'data-number': r.number,
    disabled: !selectable,
    checked: selectable && (allMatching || selected.has(r.number)),
    'aria-label': `Select ${r.number}`,
  });
  box.addEventListener('change', () => toggle(r.number, box.checked));
  const link = el('button', { type: 'button', class: 'link' }, r.number);
  link.addEventListener('click', () => openEdit(r));
  const user = r.destinationUser ? `${r.destinationUserName ?? r.destinationUser} (${r.destinationUser})` : '';
  return el('tr', { class: selectable ? '' : 'queue', 'data-number': r.number, 'data-type': r.destinationType },
    el('td', {}, box),
    el('td', {}, link),
    el('td', {}, user),
    el('td', {}, r.destination ?? ''),
    el('td', {}, r.destinationTypeName),
    el('td', {}, r.owned ? 'yes' : 'no'),
    el('td', {}, r.callbackWindow ?? ''),
    el('td', {}, r.label ?? ''));
}

async function agentOptions(select, withNobody) {
  const options = (await agents).map((a) => el('option', { value: a.id }, `${a.name} (${a.id})`));
  if (withNobody) options.unshift(el('option', { value: '' }, 'Nobody (unassign)'));
  select.replaceChildren(...options);
}

async function openAssign() {
  const count = allMatching ? state.total : selected.size;
  $('assign-title').textContent = `Assign ${count} number${count === 1 ? '' : 's'}`;
  await agentOptions($('assign-agent'), true);
  $('assign-error').textContent = '';
  $('assign-dialog').showModal();
}

async function assign(event) {
  event.preventDefault();
  const agent = $('assign-agent').value || null;
  const request = allMatching
    ? { filter: { type: state.type || null, q: state.q || null }, agent }
    : { numbers: [...selected], agent };
  try {
    const result = await api('POST', '/api/routes/assign', request);
    $('assign-dialog').close();
    say('route-status', `${plural(result.changed)} now ${verb(result)} ${result.said}` + (result.unchanged ? `; ${plural(result.unchanged)} already did.` : '.')
      + (result.warnings.length ? ` Warning: ${result.warnings.join(' ')}` : ''), result.warnings.length ? 'warning' : 'ok');
    selected.clear();
    allMatching = false;
    $('select-matching').checked = false;
    await load();
  } catch (e) {
    $('assign-error').textContent = e.message;
  }
}

function openCallback() {
  const count = selected.size;
  $('callback-title').textContent = `Callback window of ${plural(count)}`;
  $('callback-window').value = '';
  $('callback-error').textContent = '';
  $('callback-dialog').showModal();
}

async function setCallbacks(event) {
  event.preventDefault();
  const window = $('callback-window').value.trim();
  try {
    const result = await api('POST', '/api/routes/callback', { numbers: [...selected], window });
    $('callback-dialog').close();
    say('route-status', result.window
      ? `${plural(result.changed)} now ${result.changed === 1 ? 'has' : 'have'} a ${result.window} callback window.`
      : `The callback window of ${plural(result.changed)} is off.`, 'ok');
    selected.clear();
    await load();
  } catch (e) {
    $('callback-error').textContent = e.message;
  }
}

let editing = null;

async function openEdit(r) {
  editing = r;
  $('edit-number').textContent = r.number;
  await agentOptions($('edit-agent'), false);
  const [queues, destinations] = await Promise.all([api('GET', '/api/queues'), api('GET', '/api/destinations')]);
  $('edit-queue').replaceChildren(...queues.map((q) => el('option', { value: q.name }, q.name)));
  $('edit-destination').replaceChildren(...destinations.map((d) => el('option', { value: d.name }, `${d.name} (${d.target})`)));
  $('edit-type').value = r.destinationType;
  if (r.destinationUser) $('edit-agent').value = r.destinationUser;
  if (r.destinationType === 'queue') $('edit-queue').value = r.destination;
  if (r.destinationType === 'custom') $('edit-destination').value = r.destination;
  $('edit-error').textContent = '';
  $('edit-label').value = r.label ?? '';
  $('edit-callback').value = r.callbackWindow ?? '';
  $('edit-from').value = '';
  $('edit-explanation').replaceChildren();
  $('edit-explain-box').open = false;
  $('edit-history-box').open = false;
  showEditFields();
  $('edit-dialog').showModal();
}

function showEditFields() {
  const type = $('edit-type').value;
  $('edit-agent-label').hidden = type !== 'agent';
  $('edit-queue-label').hidden = type !== 'queue';
  $('edit-destination-label').hidden = type !== 'custom';
  const leaving = editing?.destinationType === 'queue' && (type === 'agent' || type === 'custom');
  $('edit-confirm').hidden = !leaving;
  $('edit-confirm').textContent = leaving ? `Saving takes ${editing.number} out of queue ${editing.destination}.` : '';
}

async function saveEdit(event) {
  event.preventDefault();
  const type = $('edit-type').value;
  const change = {
    type,
    agent: type === 'agent' ? $('edit-agent').value : null,
    queue: type === 'queue' ? $('edit-queue').value : null,
    destination: type === 'custom' ? $('edit-destination').value : null,
  };
  const leaving = editing.destinationType === 'queue' && (type === 'agent' || type === 'custom');
  if (leaving) {
    if (!await confirmAction(`${editing.number} leaves queue ${editing.destination}: its callers will no longer reach the queue. Move it?`, 'Move')) return;
    change.fromQueue = editing.destination;
  }
  const path = `/api/routes/${encodeURIComponent(editing.number)}`;
  try {
    const moved = type !== editing.destinationType || (change.agent ?? change.queue ?? change.destination) !== (editing.destinationUser ?? editing.destination);
    const result = moved ? await api('PUT', path, change) : null;
    const label = $('edit-label').value;
    if (label !== (editing.label ?? '')) await api('PUT', `/api/numbers/${encodeURIComponent(editing.number)}`, { label });
    const callbackWindow = $('edit-callback').value.trim();
    if (callbackWindow !== (editing.callbackWindow ?? '')) await api('PUT', `${path}/callback`, { window: callbackWindow });
    $('edit-dialog').close();
    say('route-status', result
      ? `${editing.number} now ${verb(result, true)} ${result.said}.` + (result.warnings.length ? ` Warning: ${result.warnings.join(' ')}` : '')
      : `${editing.number} saved.`, result?.warnings.length ? 'warning' : 'ok');
    await load();
  } catch (e) {
    $('edit-error').textContent = e.message;
  }
}

const plural = (n) => `${n} number${n === 1 ? '' : 's'}`;

// "ring Erin Agent", "go to queue sales", "are not assigned".
function verb(result, one = false) {
  if (result.destination.startsWith('agent:')) return one ? 'rings' : 'ring';
  if (result.destination === 'unassigned') return one ? 'goes to' : 'go to';
  return one ? 'goes to' : 'go to';
}

async function explain() {
  const from = $('edit-from').value.trim();
  try {
    const e = await api('GET', `/api/routes/${encodeURIComponent(editing.number)}/explain${from ? `?from=${encodeURIComponent(from)}` : ''}`);
    $('edit-explanation').replaceChildren(...e.lines.map((line) => el('li', {}, line)));
  } catch (err) {
    $('edit-explanation').replaceChildren(el('li', { class: 'error' }, err.message));
  }
}

async function showHistory() {
  if (!$('edit-history-box').open) return;
  const audit = await api('GET', `/api/routes/${encodeURIComponent(editing.number)}/audit`);
  document.querySelector('#edit-history tbody').replaceChildren(...(audit.length ? audit.map((a) => el('tr', {},
    el('td', {}, when(a.changedAt)), el('td', {}, a.oldDestination), el('td', {}, a.newDestination), el('td', {}, a.actor)))
    : [el('tr', {}, el('td', { colSpan: 4 }, 'No changes recorded yet.'))]));
}

import { api, el } from '/public/api.js';

// The Inbound routes tab: a server-paged table, the edit pop-up of one number and the assign pop-up of many.
const state = { type: '', q: '', sort: 'number', desc: false, offset: 0, limit: 50, total: 0 };
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
  $('route-type').addEventListener('change', () => { state.type = $('route-type').value; reset(); });
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
  $('edit-cancel').addEventListener('click', () => $('edit-dialog').close());
  $('edit-type').addEventListener('change', showEditFields);
  $('edit-form').addEventListener('submit', saveEdit);
  agents = api('GET', '/api/agents');
  await Promise.all([load(), agents]);
}

function reset() {
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
  $('assign-selected').disabled = count === 0;
  $('assign-selected').textContent = count ? `Assign ${count} number${count === 1 ? '' : 's'}…` : 'Assign…';
  $('select-matching-label').textContent = `All ${state.total} matching the filter`;
  for (const box of document.querySelectorAll('#routes tbody input[type=checkbox]')) {
    if (allMatching && !box.disabled) box.checked = true;
  }
}

async function load() {
  const params = new URLSearchParams({ sort: state.sort, desc: String(state.desc), offset: String(state.offset), limit: String(state.limit) });
  if (state.type) params.set('type', state.type);
  if (state.q) params.set('q', state.q);
  const seq = ++loadSeq;
  let page;
  try {
    page = await api('GET', `/api/routes?${params}`);
  } catch (e) {
    if (seq !== loadSeq) return;
    $('route-status').textContent = '';
    $('route-status').append(el('span', { class: 'error' }, e.message));
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
  // Inbound-queue numbers are greyed out and cannot be picked for an agent assignment.
  const box = el('input', {
    type: 'checkbox',
    'data-number': r.number,
    disabled: !r.selectable,
    checked: r.selectable && (allMatching || selected.has(r.number)),
    'aria-label': `Select ${r.number}`,
  });
  box.addEventListener('change', () => toggle(r.number, box.checked));
  const link = el('button', { type: 'button', class: 'link' }, r.number);
  link.addEventListener('click', () => openEdit(r));
  const user = r.destinationUser ? `${r.destinationUserName ?? r.destinationUser} (${r.destinationUser})` : '';
  return el('tr', { class: r.selectable ? '' : 'queue', 'data-number': r.number, 'data-type': r.destinationType },
    el('td', {}, box),
    el('td', {}, link),
    el('td', {}, user),
    el('td', {}, r.destination ?? ''),
    el('td', {}, r.destinationTypeName),
    el('td', {}, r.owned ? 'yes' : 'no'),
    el('td', {}, r.callbackWindow ?? ''));
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
    $('route-status').textContent = `${result.changed} number(s) now go to ${result.destination}; ${result.unchanged} already did.`
      + (result.warnings.length ? ` Warning: ${result.warnings.join(' ')}` : '');
    selected.clear();
    allMatching = false;
    $('select-matching').checked = false;
    await load();
  } catch (e) {
    $('assign-error').textContent = e.message;
  }
}

let editing = null;

async function openEdit(r) {
  editing = r;
  $('edit-number').textContent = r.number;
  await agentOptions($('edit-agent'), false);
  const [queues, destinations] = await Promise.all([api('GET', '/api/queues'), api('GET', '/api/destinations')]);
  $('edit-queue').replaceChildren(...queues.map((q) => el('option', { value: q }, q)));
  $('edit-destination').replaceChildren(...destinations.map((d) => el('option', { value: d.name }, `${d.name} (${d.target})`)));
  $('edit-type').value = r.destinationType;
  if (r.destinationUser) $('edit-agent').value = r.destinationUser;
  if (r.destinationType === 'queue') $('edit-queue').value = r.destination;
  if (r.destinationType === 'custom') $('edit-destination').value = r.destination;
  $('edit-error').textContent = '';
  showEditFields();
  $('edit-dialog').showModal();
}

function showEditFields() {
  const type = $('edit-type').value;
  $('edit-agent-label').hidden = type !== 'agent';
  $('edit-queue-label').hidden = type !== 'queue';
  $('edit-destination-label').hidden = type !== 'custom';
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
  try {
    const result = await api('PUT', `/api/routes/${encodeURIComponent(editing.number)}`, change);
    $('edit-dialog').close();
    $('route-status').textContent = `${editing.number} now goes to ${result.destination}.`
      + (result.warnings.length ? ` Warning: ${result.warnings.join(' ')}` : '');
    await load();
  } catch (e) {
    $('edit-error').textContent = e.message;
  }
}

import { api, el } from '/public/api.js';

// Custom destinations: everyone with the tab sees them; only support may make or change them.
const $ = (id) => document.getElementById(id);
let role = '';
let editing = null;

export async function initDestinations(me) {
  role = me.role;
  $('destination-new').addEventListener('click', () => open(null));
  $('destination-cancel').addEventListener('click', () => $('destination-dialog').close());
  $('destination-kind').addEventListener('change', showKind);
  $('destination-form').addEventListener('submit', save);
  await list();
}

async function list() {
  const destinations = await api('GET', '/api/destinations');
  document.querySelector('#destinations tbody').replaceChildren(...destinations.map((d) => {
    let action = '';
    if (role === 'support') {
      action = el('button', { type: 'button', class: 'link' }, 'Edit');
      action.addEventListener('click', () => open(d));
    }
    return el('tr', {}, el('td', {}, d.name), el('td', {}, d.kind), el('td', {}, d.target), el('td', {}, action));
  }));
}

function open(d) {
  editing = d;
  $('destination-title').textContent = d ? `Edit ${d.name}` : 'New custom destination';
  $('destination-name').value = d?.name ?? '';
  $('destination-name').disabled = !!d;
  $('destination-kind').value = d?.kind ?? 'dialplan';
  $('destination-context').value = d?.context ?? '';
  $('destination-exten').value = d?.exten ?? '';
  $('destination-priority').value = d?.priority ?? 1;
  $('destination-endpoint').value = d?.endpoint ?? '';
  $('destination-number').value = d?.number ?? '';
  $('destination-error').textContent = '';
  showKind();
  $('destination-dialog').showModal();
}

function showKind() {
  const kind = $('destination-kind').value;
  for (const label of document.querySelectorAll('#destination-form [data-kind]')) label.hidden = label.dataset.kind !== kind;
}

async function save(event) {
  event.preventDefault();
  const body = {
    name: $('destination-name').value,
    kind: $('destination-kind').value,
    context: $('destination-context').value,
    exten: $('destination-exten').value,
    priority: Number($('destination-priority').value) || 1,
    endpoint: $('destination-endpoint').value,
    number: $('destination-number').value,
  };
  try {
    if (editing) await api('PUT', `/api/destinations/${encodeURIComponent(editing.name)}`, body);
    else await api('POST', '/api/destinations', body);
    $('destination-dialog').close();
    $('destination-status').textContent = `Custom destination '${body.name}' saved.`;
    await list();
  } catch (e) {
    $('destination-error').textContent = e.message;
  }
}

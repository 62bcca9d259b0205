import { api, el } from '/public/api.js';
import { $, say, clear, confirmAction, fill, when } from '/js/ui.js';

// The Users tab (admins only): who may sign in, with which role; reset a password; remove.
let editing = null;
let agents = [];

export async function initUsers() {
  $('user-new').addEventListener('click', () => open(null));
  $('me-password').addEventListener('click', () => { document.querySelector('#tabs [data-tab=settings]').click(); $('own-current').focus(); });
  $('user-cancel').addEventListener('click', () => $('user-dialog').close());
  $('user-role').addEventListener('change', roleFields);
  $('user-form').addEventListener('submit', save);
  agents = await api('GET', '/api/agents');
  $('user-agent').replaceChildren(...agents.map((a) => el('option', { value: a.id }, `${a.name} (${a.id})`)));
  await load();
}

async function load() {
  const users = await api('GET', '/api/users');
  fill('users', users.map((u) => {
    const edit = el('button', { type: 'button', class: 'link', 'aria-label': `Edit user ${u.name}` }, u.name);
    edit.addEventListener('click', () => open(u));
    const remove = el('button', { type: 'button', class: 'danger small', 'aria-label': `Remove user ${u.name}` }, 'Remove');
    remove.addEventListener('click', () => removeUser(u.name));
    return el('tr', { 'data-user': u.name }, el('td', {}, edit), el('td', {}, u.role), el('td', {}, u.agentId ?? ''),
      el('td', {}, when(u.lockedUntil)), el('td', {}, remove));
  }));
}

function roleFields() {
  $('user-agent-label').hidden = $('user-role').value !== 'agent';
}

function open(u) {
  editing = u;
  $('user-title').textContent = u ? `User ${u.name}` : 'Add user';
  $('user-name').value = u?.name ?? '';
  $('user-name').disabled = !!u;
  $('user-role').value = u?.role ?? 'support';
  if (u?.agentId) $('user-agent').value = u.agentId;
  $('user-password').value = '';
  $('user-reset').checked = false;
  $('user-reset-label').hidden = !u;
  clear('user-error');
  roleFields();
  $('user-dialog').showModal();
}

async function save(event) {
  event.preventDefault();
  const role = $('user-role').value;
  const agent = role === 'agent' ? $('user-agent').value : null;
  const password = $('user-password').value || null;
  try {
    const r = editing
      ? await api('PUT', `/api/users/${encodeURIComponent(editing.name)}`, { role, agent, resetPassword: $('user-reset').checked || !!password, password })
      : await api('POST', '/api/users', { name: $('user-name').value.trim(), role, agent, password });
    $('user-dialog').close();
    const shown = r.password ? ` Their password (shown once): ${r.password}` : '';
    say('users-status', `${editing ? 'Saved' : 'Added'} ${r.user.name} (${r.user.role}).${shown}`, r.password ? 'warning' : 'ok');
    await load();
  } catch (e) {
    say('user-error', e.message, 'error');
  }
}

async function removeUser(name) {
  if (!await confirmAction(`Remove user ${name}? They are signed out at once.`, 'Remove')) return;
  try {
    await api('DELETE', `/api/users/${encodeURIComponent(name)}`);
    say('users-status', `User ${name} removed.`);
    await load();
  } catch (e) {
    say('users-status', e.message, 'error');
  }
}

import { api, el } from '/public/api.js';
import { $, say, clear, confirmAction, readFilters, writeFilters } from '/js/ui.js';

// The Agents tab: the list with who is logged in and on a call, one agent's information card (with "Calls out as"),
// create, edit, remove, log in / log out.
let current = null;
let editing = null;
let presence = { loggedIn: [], onCall: null };

export async function initAgents() {
  $('card-login').addEventListener('click', () => setLoggedIn(true));
  $('card-logout').addEventListener('click', () => setLoggedIn(false));
  $('card-edit').addEventListener('click', () => open(current));
  $('card-remove').addEventListener('click', removeAgent);
  $('agent-new').addEventListener('click', () => open(null));
  $('agent-cancel').addEventListener('click', () => $('agent-dialog').close());
  $('agent-form').addEventListener('submit', save);
  await list(readFilters().get('agent'));
}

async function list(select) {
  const [agents, who] = await Promise.all([api('GET', '/api/agents'), api('GET', '/api/agents/presence')]);
  presence = who;
  const onCall = new Set((who.onCall ?? []).map((c) => c.agentId));
  $('presence-note').textContent = who.onCall === null ? who.problem : `${who.loggedIn.length} logged in, ${onCall.size} on a call now.`;
  $('agents-empty').hidden = agents.length > 0;
  $('agent-list').replaceChildren(...agents.map((a) => {
    const state = onCall.has(a.id) ? 'on a call' : a.loggedIn ? 'logged in' : 'logged out';
    const button = el('button', { type: 'button', 'data-agent': a.id, 'aria-current': String(current?.id === a.id) },
      el('span', { class: `dot ${state.replace(/ /g, '-')}`, 'aria-hidden': 'true' }), `${a.name} (${a.id})`, el('span', { class: 'muted' }, ` ${state}`));
    button.addEventListener('click', () => show(a.id));
    return el('li', {}, button);
  }));
  const id = select ?? current?.id;
  if (id && agents.some((a) => a.id === id)) await show(id);
  else $('agent-card').hidden = true;
}

async function show(id) {
  const agent = await api('GET', `/api/agents/${encodeURIComponent(id)}`);
  current = agent;
  writeFilters('agents', { agent: id });
  for (const b of document.querySelectorAll('#agent-list button')) b.setAttribute('aria-current', String(b.dataset.agent === id));
  $('agent-card').hidden = false;
  $('card-name').textContent = agent.name;
  const onCall = (presence.onCall ?? []).some((c) => c.agentId === id);
  const fields = [
    ['Agent id', agent.id],
    ['Extension', agent.extension],
    ['E-mail addresses', agent.emails.join(', ')],
    ['Outbound caller ID', agent.outboundCallerId ?? 'none'],
    ['Campaign', agent.campaign ?? 'none'],
    ['Calls out as', agent.callsOutAs?.said ?? ''],
    ['State', onCall ? 'on a call' : agent.loggedIn ? 'logged in' : 'logged out'],
    ['Not reachable', agent.unreachable],
    ['Own greeting', agent.hasGreeting ? 'yes' : 'no (default)'],
    ['Inbound numbers', agent.numbers?.length ? agent.numbers.join(', ') : 'none'],
  ];
  $('card-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('card-login').disabled = agent.loggedIn;
  $('card-logout').disabled = !agent.loggedIn;
  clear('card-error');
}

async function campaignOptions(selected) {
  const campaigns = await api('GET', '/api/campaigns');
  $('agent-campaign').replaceChildren(el('option', { value: '' }, 'None'),
    ...campaigns.map((c) => el('option', { value: c.name, selected: c.name === selected }, `${c.name} (${c.callerId})`)));
}

async function open(agent) {
  editing = agent;
  $('agent-title').textContent = agent ? `Edit ${agent.name}` : 'New agent';
  $('agent-id').value = agent?.id ?? '';
  $('agent-id').disabled = !!agent;
  $('agent-name').value = agent?.name ?? '';
  $('agent-extension').value = agent?.extension ?? '';
  $('agent-emails').value = agent?.emails.join(', ') ?? '';
  $('agent-cid').value = agent?.outboundCallerId ?? '';
  await campaignOptions(agent?.campaign ?? '');
  clear('agent-error');
  clear('agent-warning');
  $('agent-dialog').showModal();
  (agent ? $('agent-name') : $('agent-id')).focus();
}

async function save(event) {
  event.preventDefault();
  const body = {
    id: $('agent-id').value.trim(),
    name: $('agent-name').value,
    extension: $('agent-extension').value,
    emails: $('agent-emails').value.split(',').map((e) => e.trim()).filter(Boolean),
    outboundCallerId: $('agent-cid').value,
    campaign: $('agent-campaign').value,
  };
  try {
    const r = editing
      ? await api('PUT', `/api/agents/${encodeURIComponent(editing.id)}`, body)
      : await api('POST', '/api/agents', { ...body, campaign: body.campaign || null, outboundCallerId: body.outboundCallerId || null });
    if (r.warnings.length) {
      // The callback warning where the caller ID was set: the save is done, the admin reads why it matters.
      say('agent-warning', `Saved. Warning: ${r.warnings.join(' ')}`, 'warning');
      editing = r.agent;
      $('agent-id').disabled = true;
      $('agent-title').textContent = `Edit ${r.agent.name}`;
    } else {
      $('agent-dialog').close();
    }
    say('agents-status', `Agent ${r.agent.name} (${r.agent.id}) ${r.result}.`);
    await list(r.agent.id);
  } catch (e) {
    say('agent-error', e.message, 'error');
  }
}

async function removeAgent() {
  const agent = current;
  if (!await confirmAction(`Remove agent ${agent.name} (${agent.id})?`, 'Remove')) return;
  try {
    await api('DELETE', `/api/agents/${encodeURIComponent(agent.id)}`);
    current = null;
    say('agents-status', `Agent ${agent.name} removed.`);
    writeFilters('agents', {});
    await list(null);
  } catch (e) {
    say('card-error', e.message, 'error');
  }
}

async function setLoggedIn(on) {
  try {
    await api('POST', `/api/agents/${encodeURIComponent(current.id)}/${on ? 'login' : 'logout'}`);
    await list(current.id);
    say('agents-status', `${current.name} is now logged ${on ? 'in' : 'out'}.`);
  } catch (e) {
    say('card-error', e.message, 'error');
  }
}

import { api, el } from '/public/api.js';

// The Agents tab: the list and one agent's information card, with log in / log out.
const $ = (id) => document.getElementById(id);
let current = null;

export async function initAgents() {
  $('card-login').addEventListener('click', () => setLoggedIn(true));
  $('card-logout').addEventListener('click', () => setLoggedIn(false));
  await list();
}

async function list() {
  const agents = await api('GET', '/api/agents');
  $('agent-list').replaceChildren(...agents.map((a) => {
    const button = el('button', { type: 'button', 'data-agent': a.id, 'aria-current': String(current?.id === a.id) },
      `${a.name} (${a.id}) ${a.loggedIn ? '● logged in' : '○ logged out'}`);
    button.addEventListener('click', () => show(a));
    return el('li', {}, button);
  }));
  if (current) show(agents.find((a) => a.id === current.id));
}

function show(agent) {
  current = agent;
  for (const b of document.querySelectorAll('#agent-list button')) b.setAttribute('aria-current', String(b.dataset.agent === agent.id));
  $('agent-card').hidden = false;
  $('card-name').textContent = agent.name;
  const fields = [
    ['Agent id', agent.id],
    ['Extension', agent.extension],
    ['E-mail addresses', agent.emails.join(', ')],
    ['Outbound caller ID', agent.outboundCallerId ?? 'none'],
    ['Campaign', agent.campaign ?? 'none'],
    ['State', agent.loggedIn ? 'logged in' : 'logged out'],
    ['Not reachable', agent.unreachable],
    ['Own greeting', agent.hasGreeting ? 'yes' : 'no (default)'],
    ['Inbound numbers', String(agent.routedNumbers)],
  ];
  $('card-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('card-login').disabled = agent.loggedIn;
  $('card-logout').disabled = !agent.loggedIn;
  $('card-error').textContent = '';
}

async function setLoggedIn(on) {
  try {
    current = await api('POST', `/api/agents/${encodeURIComponent(current.id)}/${on ? 'login' : 'logout'}`);
    await list();
  } catch (e) {
    $('card-error').textContent = e.message;
  }
}

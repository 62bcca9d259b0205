import { api, refreshToken } from '/public/api.js';
import { initRoutes } from '/js/routes.js';
import { initAgents } from '/js/agents.js';
import { initDestinations } from '/js/destinations.js';
import { initSettings } from '/js/settings.js';

// The tabs a role sees; the server checks every call regardless of what the page shows.
const me = await api('GET', '/api/me');
await refreshToken();
document.getElementById('who').textContent = `${me.name} (${me.role})`;
for (const node of document.querySelectorAll('[data-roles]')) {
  node.hidden = !node.dataset.roles.split(' ').includes(me.role);
}

const starters = { routes: initRoutes, agents: initAgents, destinations: initDestinations, settings: initSettings };
const started = new Set();

async function show(tab) {
  for (const button of document.querySelectorAll('#tabs [data-tab]')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  }
  for (const panel of document.querySelectorAll('[role=tabpanel]')) {
    panel.hidden = panel.id !== `tab-${tab}`;
  }
  if (!started.has(tab)) {
    started.add(tab);
    await starters[tab](me);
  }
}

for (const button of document.querySelectorAll('#tabs [data-tab]')) {
  button.addEventListener('click', () => show(button.dataset.tab));
}

document.getElementById('signout').addEventListener('click', async () => {
  await api('DELETE', '/api/session');
  window.location.assign('/public/signin.html');
});

const wanted = window.location.hash.slice(1);
const visible = [...document.querySelectorAll('#tabs [data-tab]')].filter((b) => !b.hidden).map((b) => b.dataset.tab);
await show(visible.includes(wanted) ? wanted : visible[0]);

import { api, refreshToken } from '/public/api.js';
import { initRoutes } from '/js/routes.js';
import { initAgents } from '/js/agents.js';
import { initDestinations } from '/js/destinations.js';
import { initSettings } from '/js/settings.js';
import { initNumbers } from '/js/numbers.js';
import { initCampaigns } from '/js/campaigns.js';
import { initQueues } from '/js/queues.js';
import { initCalls } from '/js/calls.js';
import { initStatus } from '/js/status.js';
import { initUsers } from '/js/users.js';

// The tabs a role sees; the server checks every call regardless of what the page shows.
const me = await api('GET', '/api/me');
await refreshToken();
document.getElementById('who').textContent = `${me.name} (${me.role})`;
for (const node of document.querySelectorAll('[data-roles]')) {
  node.hidden = !node.dataset.roles.split(' ').includes(me.role);
}

const starters = {
  routes: initRoutes, numbers: initNumbers, agents: initAgents, campaigns: initCampaigns, queues: initQueues,
  destinations: initDestinations, calls: initCalls, status: initStatus, users: initUsers, settings: initSettings,
};
const started = new Set();
const tabs = [...document.querySelectorAll('#tabs [data-tab]')];
const visible = tabs.filter((b) => !b.hidden).map((b) => b.dataset.tab);

async function show(tab) {
  for (const button of tabs) {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
  }
  for (const panel of document.querySelectorAll('[role=tabpanel]')) {
    panel.hidden = panel.id !== `tab-${tab}`;
  }
  document.body.dataset.tab = tab;
  if (!started.has(tab)) {
    started.add(tab);
    await starters[tab](me);
  }
  document.body.dataset.ready = tab;
}

const tabOf = () => window.location.hash.slice(1).split('?')[0];

for (const button of tabs) {
  button.addEventListener('click', () => {
    if (tabOf() !== button.dataset.tab) history.pushState(null, '', `#${button.dataset.tab}`);
    show(button.dataset.tab);
  });
  // Arrow keys move between tabs, as a tab list does.
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const shown = tabs.filter((b) => !b.hidden);
    const next = shown[(shown.indexOf(button) + (event.key === 'ArrowRight' ? 1 : shown.length - 1)) % shown.length];
    next.focus();
    next.click();
  });
}

window.addEventListener('popstate', () => {
  const tab = tabOf();
  if (visible.includes(tab)) show(tab);
});

document.getElementById('signout').addEventListener('click', async () => {
  await api('DELETE', '/api/session');
  window.location.assign('/public/signin.html');
});

const wanted = tabOf();
await show(visible.includes(wanted) ? wanted : visible[0]);

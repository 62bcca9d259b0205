import { api, el } from '/public/api.js';
import { $, say, clear, confirmAction, fill } from '/js/ui.js';

// The Queues tab: the inbound queues, the numbers that feed each, add and remove.
export async function initQueues() {
  $('queue-form').addEventListener('submit', add);
  await load();
}

async function load() {
  const queues = await api('GET', '/api/queues');
  fill('queues', queues.map((q) => {
    const remove = el('button', { type: 'button', class: 'danger small', 'aria-label': `Remove queue ${q.name}` }, 'Remove');
    remove.addEventListener('click', () => removeQueue(q.name));
    return el('tr', { 'data-queue': q.name }, el('td', {}, q.name),
      el('td', {}, q.numbers.length ? q.numbers.join(', ') : 'none yet'), el('td', {}, remove));
  }), 'queues-empty');
}

async function add(event) {
  event.preventDefault();
  clear('queue-error');
  const name = $('queue-name').value.trim();
  try {
    await api('POST', '/api/queues', { name });
    $('queue-name').value = '';
    say('queues-status', `Queue ${name} added: route numbers to it on Inbound routes.`);
    await load();
  } catch (e) {
    say('queue-error', e.message, 'error');
  }
}

async function removeQueue(name) {
  if (!await confirmAction(`Remove queue ${name}?`, 'Remove')) return;
  try {
    await api('DELETE', `/api/queues/${encodeURIComponent(name)}`);
    say('queues-status', `Queue ${name} removed.`);
    await load();
  } catch (e) {
    say('queues-status', e.message, 'error');
  }
}

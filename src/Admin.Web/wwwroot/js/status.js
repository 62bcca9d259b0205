import { api, el } from '/public/api.js';
import { $, say, clear } from '/js/ui.js';

// The Status tab: what `leaddesk-admin status` says, refreshed every 15 s while the tab is open.
let timer = null;

export async function initStatus() {
  $('status-refresh').addEventListener('click', load);
  await load();
}

async function load() {
  clearTimeout(timer);
  let s;
  try {
    s = await api('GET', '/api/status');
  } catch (e) {
    say('status-problem', e.message, 'error');
    return;
  } finally {
    timer = setTimeout(() => { if (!$('tab-status').hidden) load(); }, 15000);
  }
  $('status-when').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  const h = s.health;
  clear('status-problem');
  if (!h) {
    $('status-fields').replaceChildren(...pair('Controller', `not reachable at ${s.controllerUrl}`));
    say('status-problem', `The route controller cannot be reached: ${s.unreachable}. Is it running, and is WebAdmin:ControllerUrl its Health:Url?`, 'error');
  } else {
    const accepting = h.acceptingCalls && h.ariConnected;
    const rows = [
      ['Asterisk (ARI)', h.ariConnected ? `connected to ${h.ariUrl} since ${new Date(h.connectedSince).toLocaleString()}` : `NOT connected to ${h.ariUrl ?? 'ARI'}`],
      ['Accepting calls', accepting ? 'yes' : h.ariConnected ? 'no (stopping)' : 'no (no ARI connection: Asterisk rejects calls to the application)'],
      ['Calls in progress', String(h.activeCalls)],
      ['Voicemail outbox', h.voicemailPending === undefined ? 'unknown' : h.voicemailPending === 0 ? 'empty' : `${h.voicemailPending} waiting, oldest ${Math.round(h.voicemailOldestSeconds)} s`],
      ['Asterisk', `${h.asteriskVersion ?? 'unknown'}, early media: ${h.earlyMedia ? 'yes' : 'no'}`],
      ['Database (controller)', h.database ?? ''],
    ];
    $('status-fields').replaceChildren(...rows.flatMap(([k, v]) => pair(k, v)));
    if (!h.ariConnected && h.lastError) say('status-problem', `Why: ${h.lastError}`, 'error');
    for (const w of h.warnings ?? []) $('status-problem').append(el('span', { class: 'flash warning' }, ` Warning: ${w}`));
  }
  const ended = Object.entries(s.lastHourByOutcome).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  $('status-hour').textContent = ended.length === 0 ? 'No calls in the last hour.'
    : `${ended.reduce((t, [, n]) => t + n, 0)} calls: ${ended.map(([o, n]) => `${o} ${n}`).join(', ')}`;
}

function pair(k, v) {
  return [el('dt', {}, k), el('dd', {}, v)];
}

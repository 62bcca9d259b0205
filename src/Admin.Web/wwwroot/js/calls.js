import { api, el } from '/public/api.js';
import { $, say, clear, readFilters, writeFilters, fill, latest, Stale } from '/js/ui.js';

// The Call log tab: every call, newest first, filtered and paged by the server; CSV of the filtered rows.
const OUTCOMES = ['answered', 'busy', 'voicemail', 'voicemail-discarded', 'unreachable', 'queued', 'custom', 'unassigned',
  'unknown', 'abandoned', 'failed', 'no-answer', 'refused', 'cancelled'];
const FIELDS = ['from', 'to', 'direction', 'outcome', 'agent', 'number'];
const state = { offset: 0, limit: 50 };
const fresh = latest();

export async function initCalls() {
  $('calls-outcome').append(...OUTCOMES.map((o) => el('option', { value: o }, o)));
  $('calls-filter').addEventListener('submit', (event) => { event.preventDefault(); state.offset = 0; load(); });
  for (const id of ['calls-direction', 'calls-outcome', 'calls-agent', 'calls-prefix']) {
    $(id).addEventListener('change', () => { state.offset = 0; load(); });
  }
  $('calls-prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); load(); });
  $('calls-next').addEventListener('click', () => { state.offset += state.limit; load(); });
  const agents = await api('GET', '/api/agents');
  $('calls-agent').append(...agents.map((a) => el('option', { value: a.id }, `${a.name} (${a.id})`)));
  const f = readFilters();
  for (const name of FIELDS) {
    const value = f.get(name) ?? '';
    $(`calls-${name}`).value = (name === 'from' || name === 'to') && value ? local(value) : value;
  }
  $('calls-prefix').checked = f.get('prefix') === 'true';
  state.offset = Number(f.get('offset') ?? 0) || 0;
  await load();
}

// datetime-local speaks the browser's zone; the API speaks instants.
const local = (iso) => { const d = new Date(iso); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); };
const instant = (value) => (value ? new Date(value).toISOString() : '');

function filters() {
  const params = {};
  for (const name of FIELDS) {
    const value = $(`calls-${name}`).value.trim();
    params[name] = name === 'from' || name === 'to' ? instant(value) : value;
  }
  if ($('calls-prefix').checked) params.prefix = 'true';
  return params;
}

async function load() {
  clear('calls-error');
  const params = filters();
  writeFilters('calls', { ...params, offset: state.offset || '' });
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  $('calls-export').href = `/api/calls/export?${query}`;
  query.set('offset', String(state.offset));
  query.set('limit', String(state.limit));
  let page;
  try {
    page = await fresh(api('GET', `/api/calls?${query}`));
  } catch (e) {
    if (e instanceof Stale) return;
    say('calls-error', e.message, 'error');
    return;
  }
  fill('calls', page.items.map(row), 'calls-empty');
  $('calls-info').textContent = page.items.length ? `${state.offset + 1}–${state.offset + page.items.length}` : '';
  $('calls-prev').disabled = state.offset === 0;
  $('calls-next').disabled = !page.hasMore;
}

const seconds = (s) => (s === null || s === undefined ? '' : `${s.toFixed(1)} s`);

function row(c) {
  const route = c.route ? (c.detail ? `${c.route} (${c.detail})` : c.route) : '';
  return el('tr', { 'data-call': String(c.id), class: `outcome-${c.outcome.replace(' ', '-')}` },
    el('td', {}, new Date(c.startedAt).toLocaleString()), el('td', {}, c.direction), el('td', {}, c.number),
    el('td', {}, c.party), el('td', {}, c.agent ?? ''), el('td', {}, route),
    el('td', {}, el('span', { class: 'pill' }, c.outcome)), el('td', {}, seconds(c.durationSeconds)), el('td', {}, seconds(c.talkSeconds)));
}

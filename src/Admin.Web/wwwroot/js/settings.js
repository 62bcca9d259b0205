import { api, el } from '/public/api.js';
import { Recorder } from '/js/recorder.js';

// The agent's Settings tab: the not-reachable drop-down and the voicemail greeting (hear, upload, record, delete).
const $ = (id) => document.getElementById(id);
let agentId = null;
let recorder = null;
let recordingClock;

export async function initSettings(me) {
  if (me.role === 'agent') {
    agentId = me.agentId;
  } else {
    const agents = await api('GET', '/api/agents');
    $('settings-agent').replaceChildren(...agents.map((a) => el('option', { value: a.id }, `${a.name} (${a.id})`)));
    $('settings-agent-label').hidden = false;
    $('settings-agent').addEventListener('change', () => { agentId = $('settings-agent').value; load(); });
    agentId = agents[0]?.id ?? null;
  }
  $('unreachable').addEventListener('change', saveUnreachable);
  $('available').addEventListener('change', saveAvailability);
  $('own-password-form').addEventListener('submit', changePassword);
  $('greeting-upload').addEventListener('click', upload);
  $('greeting-delete').addEventListener('click', remove);
  $('greeting-record').addEventListener('click', record);
  $('greeting-stop').addEventListener('click', stopRecording);
  if (agentId) await load();
}

const base = () => `/api/settings/${encodeURIComponent(agentId)}`;

async function load() {
  show(await api('GET', `${base()}/`));
}

async function saveAvailability() {
  $('available-status').textContent = '';
  const available = $('available').checked;
  try {
    show(await api('PUT', `${base()}/availability`, { available }));
    $('available-status').textContent = available ? 'You are available: calls ring your phone.' : 'You are not available: callers get your not-reachable destination.';
  } catch (e) {
    $('available').checked = !available;
    $('available-status').textContent = e.message;
  }
}

async function changePassword(event) {
  event.preventDefault();
  try {
    await api('PUT', '/api/me/password', { current: $('own-current').value, new: $('own-new').value });
    $('own-current').value = '';
    $('own-new').value = '';
    $('own-password-status').textContent = 'Password changed: your other sessions have ended.';
  } catch (e) {
    $('own-password-status').textContent = e.message;
  }
}

function show(settings) {
  $('available').checked = settings.available;
  $('unreachable').replaceChildren(...settings.choices.map((c) =>
    el('option', { value: c, selected: c === settings.unreachable }, c === 'none' ? 'None (disconnected tone)' : `Voicemail to ${c.slice('voicemail:'.length)}`)));
  const audio = $('greeting-audio');
  if (settings.greetingRecordedAt) {
    $('greeting-state').textContent = `Your own greeting, made ${new Date(settings.greetingRecordedAt).toLocaleString()}.`;
    // A new URL per version, so the player never replays an old copy.
    audio.src = `${base()}/greeting?v=${encodeURIComponent(settings.greetingRecordedAt)}`;
    audio.hidden = false;
  } else {
    $('greeting-state').textContent = 'Callers hear the default greeting.';
    audio.removeAttribute('src');
    audio.hidden = true;
  }
  $('greeting-delete').disabled = !settings.greetingRecordedAt;
}

async function saveUnreachable() {
  $('unreachable-status').textContent = '';
  try {
    show(await api('PUT', `${base()}/unreachable`, { unreachable: $('unreachable').value }));
    $('unreachable-status').textContent = 'Saved.';
  } catch (e) {
    $('unreachable-status').textContent = e.message;
  }
}

async function sendGreeting(blob, type) {
  $('greeting-status').textContent = 'Converting…';
  $('greeting-error').textContent = '';
  try {
    show(await api('PUT', `${base()}/greeting`, blob, type || 'application/octet-stream'));
    $('greeting-status').textContent = 'Greeting saved: your next voicemail caller hears it.';
  } catch (e) {
    $('greeting-status').textContent = '';
    $('greeting-error').textContent = e.message;
  }
}

async function upload() {
  const file = $('greeting-file').files[0];
  if (!file) {
    $('greeting-error').textContent = 'Choose an audio file first.';
    return;
  }
  await sendGreeting(file, file.type);
}

async function remove() {
  $('greeting-error').textContent = '';
  try {
    show(await api('DELETE', `${base()}/greeting`));
    $('greeting-status').textContent = 'Greeting deleted: callers hear the default.';
  } catch (e) {
    $('greeting-error').textContent = e.message;
  }
}

async function record() {
  $('greeting-error').textContent = '';
  try {
    recorder = await Recorder.start();
  } catch (e) {
    $('greeting-error').textContent = `The microphone is not available: ${e.message}`;
    return;
  }
  $('greeting-record').hidden = true;
  $('greeting-stop').hidden = false;
  // The length so far, so the agent sees the microphone is being heard and how close the 60 s limit is.
  const showLength = () => {
    const s = Math.floor(recorder.seconds);
    $('greeting-status').textContent =
      `Recording ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}… press "Stop and keep" when done (at most 60 seconds).`;
  };
  showLength();
  recordingClock = setInterval(showLength, 250);
}

async function stopRecording() {
  clearInterval(recordingClock);
  const wav = await recorder.stop();
  recorder = null;
  $('greeting-record').hidden = false;
  $('greeting-stop').hidden = true;
  await sendGreeting(wav, 'audio/wav');
}

import { api, el } from '/public/api.js';
import { $, say, clear, confirmAction, fill } from '/js/ui.js';

// The Campaigns tab: campaigns and their caller IDs; below, the company's outbound settings (admins only).
let editing = null;

export async function initCampaigns(me) {
  $('campaign-new').addEventListener('click', () => open(null));
  $('campaign-cancel').addEventListener('click', () => $('campaign-dialog').close());
  $('campaign-form').addEventListener('submit', save);
  $('outbound-form').addEventListener('submit', saveOutbound);
  await Promise.all([load(), me.role === 'admin' ? loadOutbound() : null]);
}

async function load() {
  const campaigns = await api('GET', '/api/campaigns');
  fill('campaigns', campaigns.map((c) => {
    const edit = el('button', { type: 'button', class: 'link', 'aria-label': `Edit campaign ${c.name}` }, c.name);
    edit.addEventListener('click', () => open(c));
    const remove = el('button', { type: 'button', class: 'danger small', 'aria-label': `Remove campaign ${c.name}` }, 'Remove');
    remove.addEventListener('click', () => removeCampaign(c.name));
    return el('tr', { 'data-campaign': c.name }, el('td', {}, edit), el('td', {}, c.callerId), el('td', {}, c.callerName ?? ''),
      el('td', {}, c.agents.join(', ') || 'none'), el('td', {}, remove));
  }), 'campaigns-empty');
}

function open(c) {
  editing = c;
  $('campaign-title').textContent = c ? `Campaign ${c.name}` : 'New campaign';
  $('campaign-name').value = c?.name ?? '';
  $('campaign-name').disabled = !!c;
  $('campaign-cid').value = c?.callerId ?? '';
  $('campaign-callername').value = c?.callerName ?? '';
  clear('campaign-error');
  $('campaign-dialog').showModal();
}

async function save(event) {
  event.preventDefault();
  const body = { name: $('campaign-name').value.trim(), callerId: $('campaign-cid').value, callerName: $('campaign-callername').value };
  try {
    const r = editing
      ? await api('PUT', `/api/campaigns/${encodeURIComponent(editing.name)}`, body)
      : await api('POST', '/api/campaigns', body);
    $('campaign-dialog').close();
    say('campaigns-status', `Campaign ${r.name} ${r.result}.` + (r.warnings.length ? ` Warning: ${r.warnings.join(' ')}` : ''), r.warnings.length ? 'warning' : 'ok');
    await load();
  } catch (e) {
    say('campaign-error', e.message, 'error');
  }
}

async function removeCampaign(name) {
  if (!await confirmAction(`Remove campaign ${name}?`, 'Remove')) return;
  try {
    await api('DELETE', `/api/campaigns/${encodeURIComponent(name)}`);
    say('campaigns-status', `Campaign ${name} removed.`);
    await load();
  } catch (e) {
    say('campaigns-status', e.message, 'error');
  }
}

function showOutbound(o) {
  $('outbound-cid').value = o.defaultCallerId ?? '';
  $('outbound-regions').value = o.regionsAreDefault ? '' : o.allowedRegions.join(',');
  $('outbound-regions').placeholder = o.allowedRegions.join(',');
  $('outbound-policy').textContent = o.policy;
}

async function loadOutbound() {
  showOutbound(await api('GET', '/api/outbound'));
}

async function saveOutbound(event) {
  event.preventDefault();
  clear('outbound-error');
  try {
    showOutbound(await api('PUT', '/api/outbound', { defaultCallerId: $('outbound-cid').value, allowedRegions: $('outbound-regions').value }));
    say('outbound-error', 'Saved.', 'ok');
  } catch (e) {
    say('outbound-error', e.message, 'error');
  }
}

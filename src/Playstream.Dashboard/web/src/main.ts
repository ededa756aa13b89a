// The Playstream dashboard: fetches the precomputed results from the JSON API, draws them,
// and refetches whenever the server pushes a "changed" event (Server-Sent Events).
import './style.css';
import { get, type Activity, type Breakdown, type Customer, type InterestRow, type ListenerRow, type Overview, type TopTracks, type ZipRow } from './api';
import { drawTimeSeries, followResizes } from './charts';
import { escapeHtml, genderLabel, n, pct, utc } from './format';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

let chosenWindow: number | null = null;
let shownCustomer: number | null = null;
let refreshing: Promise<void> | null = null;
let again = false;

async function refresh(): Promise<void> {
  // One refresh at a time; a change that arrives during one triggers exactly one more.
  if (refreshing) { again = true; return refreshing; }
  refreshing = (async () => {
    do {
      again = false;
      const overview = await get<Overview>('/api/overview');
      if (!overview) return;
      renderOverview(overview);
      const [activity, top, gender, level, age, zips, listeners, interests] = await Promise.all([
        get<Activity>('/api/activity'),
        get<TopTracks>(chosenWindow === null ? '/api/top-tracks' : `/api/top-tracks?start=${chosenWindow}`),
        get<Breakdown>('/api/breakdown/gender'),
        get<Breakdown>('/api/breakdown/level'),
        get<Breakdown>('/api/breakdown/age'),
        get<ZipRow[]>('/api/zips?limit=10'),
        get<ListenerRow[]>('/api/listeners?limit=10'),
        get<InterestRow[]>('/api/interests?limit=12'),
      ]);
      const empty = overview.hint ?? 'no plays yet';
      if (activity) renderActivity(activity, empty);
      if (top) renderTopTracks(top);
      for (const [b, id] of [[gender, 'chart-gender'], [level, 'chart-level'], [age, 'chart-age']] as const)
        if (b) renderBreakdown(b, id, b.dimension === 'age' ? 'no ages in the customer data' : empty);
      renderZips(zips ?? []);
      renderListeners(listeners ?? []);
      renderInterests(interests ?? []);
      if (shownCustomer !== null) await lookUp(shownCustomer);
      document.body.dataset.version = overview.version;
    } while (again);
  })().finally(() => { refreshing = null; });
  return refreshing;
}

function renderOverview(o: Overview): void {
  const state = $('state');
  state.textContent = o.state;
  state.className = `pill ${o.state}`;
  const hint = $('hint');
  hint.hidden = !o.hint;
  hint.textContent = o.hint ?? '';
  $('kpi-events').textContent = n(o.events);
  $('kpi-dead').textContent = n(o.deadLetters);
  // By reason, most first: `late` plays of an endless stream show here beside broken lines.
  $('kpi-dead-reasons').textContent = Object.entries(o.deadLettersByReason)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([r, c]) => `${r} ${n(c)}`).join(' · ');
  $('kpi-unique').textContent = n(o.uniqueTracks);
  $('kpi-unique-mobile').textContent = n(o.uniqueMobileTracks);
  $('kpi-listeners').textContent = n(o.listeners);
  $('kpi-interests').textContent = n(o.interests);
  $('kpi-throughput').textContent = o.playsPerSecond ? `${n(Math.round(o.playsPerSecond))}/s` : '–';
  $('updated').textContent = o.resultsAt ? `results of ${new Date(o.resultsAt).toISOString().slice(11, 19)} UTC` : '';
  const span = o.firstPlay !== null && o.latestPlay !== null ? ` · plays from ${utc(o.firstPlay)} to ${utc(o.latestPlay)} UTC` : '';
  $('source').textContent = `${o.mode} · ${o.source}${span}`;
}

function renderActivity(a: Activity, empty: string): void {
  $('activity-note').textContent = `plays in ${a.windowSeconds / 60}-minute windows, every ${a.slideSeconds / 60} minutes (UTC)`;
  drawTimeSeries($('chart-activity'), a.start, [
    { label: 'plays', values: a.plays, fill: true },
    { label: 'mobile', values: a.mobilePlays },
    { label: 'desktop', values: a.desktopPlays },
    { label: 'unique listeners', values: a.listeners, scale: 'right', color: '#ffb703' },
  ], 280, escapeHtml(empty));
}

function renderTopTracks(t: TopTracks): void {
  const select = $<HTMLSelectElement>('top-window');
  const options = t.windowStarts.slice().reverse()
    .map(s => `<option value="${s}"${s === t.start ? ' selected' : ''}>${utc(s)} → ${utc(s + (t.end! - t.start!))}${s === t.defaultStart ? ' (latest)' : ''}</option>`)
    .join('');
  if (select.innerHTML !== options) select.innerHTML = options;
  select.value = t.start === null ? '' : String(t.start);
  $('window-plays').textContent = n(t.windowPlays);
  const host = $('top-tracks');
  if (t.genders.length === 0) {
    host.innerHTML = '<div class="empty">no top tracks yet</div>';
    return;
  }
  host.innerHTML = t.genders.map(g => {
    const max = Math.max(...g.tracks.map(x => x.plays), 1);
    const rows = g.tracks.map(x => `
      <tr data-track="${x.trackId}">
        <td class="rank">${x.rank}</td>
        <td><div class="title">${escapeHtml(x.title)}</div><div class="artist">${escapeHtml(x.artist)}</div></td>
        <td class="num"><span class="bar" style="width:${(x.plays / max) * 60}px"></span><span class="plays">${n(x.plays)}</span></td>
      </tr>`).join('');
    return `<div class="top-list" data-gender="${escapeHtml(g.gender)}"><h3>${escapeHtml(genderLabel(g.gender))}</h3><table class="table">${rows}</table></div>`;
  }).join('');
}

function renderBreakdown(b: Breakdown, id: string, empty: string): void {
  const note = b.bucketSeconds >= 3600 ? `${b.bucketSeconds / 3600} h` : `${b.bucketSeconds / 60} min`;
  drawTimeSeries($(id), b.start, b.series.map(s => ({
    label: `${b.dimension === 'gender' ? genderLabel(s.key) : s.key} (${n(s.total)})`,
    values: s.plays,
  })), 200, escapeHtml(empty));
  $(id).title = `plays per ${note}`;
}

function renderZips(rows: ZipRow[]): void {
  const max = Math.max(...rows.map(r => r.plays), 1);
  $('zips').innerHTML = rows.length === 0
    ? '<tr><td class="empty">no plays yet</td></tr>'
    : '<tr><th>zip</th><th class="num">plays</th></tr>' + rows.map(r =>
      `<tr><td>${escapeHtml(r.zip)}</td><td class="num"><span class="bar" style="width:${(r.plays / max) * 120}px"></span><span class="plays">${n(r.plays)}</span></td></tr>`).join('');
}

function renderListeners(rows: ListenerRow[]): void {
  $('listeners').innerHTML = rows.length === 0
    ? '<tr><td class="empty">no plays yet</td></tr>'
    : '<tr><th>customer</th><th class="num">plays</th><th class="num">mobile</th><th class="num">tracks</th></tr>' + rows.map(r =>
      `<tr class="link" data-customer="${r.customerId}"><td>#${r.customerId} <span class="muted">${escapeHtml(r.name)}</span></td><td class="num">${n(r.plays)}</td><td class="num">${n(r.mobilePlays)}</td><td class="num">${n(r.uniqueTracks)}</td></tr>`).join('');
}

function interestRows(rows: InterestRow[], withCustomer: boolean): string {
  return rows.map(r => `<tr class="link" data-customer="${r.customerId}">
      <td class="nowrap">${utc(r.detectedAt)}</td>
      ${withCustomer ? `<td>#${r.customerId} <span class="muted">${escapeHtml(r.name)}</span></td>` : ''}
      <td><div class="title">${escapeHtml(r.title || `track ${r.trackId}`)}</div><div class="artist">${escapeHtml(r.artist)}</div></td></tr>`).join('');
}

function renderInterests(rows: InterestRow[]): void {
  $('interests').innerHTML = rows.length === 0
    ? '<tr><td class="empty">no interests detected yet</td></tr>'
    : '<tr><th>detected (UTC)</th><th>customer</th><th>track</th></tr>' + interestRows(rows, true);
}

async function lookUp(id: number): Promise<void> {
  shownCustomer = id;
  const host = $('customer');
  const c = await get<Customer>(`/api/customers/${id}`);
  if (!c) {
    host.className = 'customer muted';
    host.textContent = `customer ${id} has no plays and is not in the customer file`;
    return;
  }
  host.className = 'customer';
  const share = (label: string, value: number) =>
    `<div class="share"><span>${label}</span><span class="track"><span style="width:${value * 100}%"></span></span><b>${pct(value)}</b></div>`;
  host.innerHTML = `
    <div class="who"><b>#${c.customerId}</b> ${escapeHtml(c.name) || '<span class="muted">not in the customer file</span>'}
      <span class="tags"><span>${escapeHtml(genderLabel(c.gender))}</span><span>${escapeHtml(c.level)}</span><span>age ${escapeHtml(c.age)}</span>${c.zip ? `<span>zip ${escapeHtml(c.zip)}</span>` : ''}</span></div>
    <div class="facts"><div><b data-testid="customer-plays">${n(c.plays)}</b> plays</div><div><b>${n(c.uniqueTracks)}</b> unique tracks</div><div><b>${n(c.mobilePlays)}</b> on mobile</div></div>
    ${share('morning', c.morning)}${share('afternoon', c.afternoon)}${share('evening', c.evening)}${share('night', c.night)}${share('mobile', c.mobile)}
    <h3>Interests (${c.interests.length})</h3>
    ${c.interests.length ? `<table class="table">${interestRows(c.interests, false)}</table>` : '<div class="muted">none detected</div>'}`;
}

function wire(): void {
  $<HTMLSelectElement>('top-window').addEventListener('change', e => {
    chosenWindow = Number((e.target as HTMLSelectElement).value);
    void refresh();
  });
  $('lookup-form').addEventListener('submit', e => {
    e.preventDefault();
    const value = $<HTMLInputElement>('lookup-id').value.trim();
    if (value !== '') void lookUp(Number(value));
  });
  document.addEventListener('click', e => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-customer]');
    if (!row) return;
    $<HTMLInputElement>('lookup-id').value = row.dataset.customer!;
    void lookUp(Number(row.dataset.customer));
  });
  const events = new EventSource('/api/events');
  const live = $('live');
  events.addEventListener('changed', () => { live.classList.add('on'); void refresh(); });
  events.onerror = () => live.classList.remove('on');
  followResizes();
}

wire();
void refresh();

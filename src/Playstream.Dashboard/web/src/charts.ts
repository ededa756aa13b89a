// Time-series charts with uPlot, bundled from npm. A chart is rebuilt only when its series
// change; new data for the same series is swapped in place, so live updates don't flicker.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const PALETTE = ['#4cc9f0', '#f72585', '#b5e48c', '#ffb703', '#9d8df1', '#fb8500', '#2ec4b6', '#8d99ae'];

export interface SeriesSpec { label: string; values: number[]; color?: string; scale?: string; fill?: boolean }

interface Held { plot: uPlot; signature: string }

const held = new Map<HTMLElement, Held>();

const axisStyle = { stroke: '#8b93a7', grid: { stroke: 'rgba(139,147,167,0.12)' }, ticks: { stroke: 'rgba(139,147,167,0.25)' } };

export function drawTimeSeries(host: HTMLElement, times: number[], series: SeriesSpec[], height: number, emptyText: string): void {
  if (times.length === 0) {
    held.get(host)?.plot.destroy();
    held.delete(host);
    host.innerHTML = `<div class="empty">${emptyText}</div>`;
    host.dataset.points = '0';
    return;
  }
  const data: uPlot.AlignedData = [times, ...series.map(s => s.values)];
  const signature = series.map(s => `${s.label}/${s.scale ?? 'y'}`).join('|');
  const existing = held.get(host);
  host.dataset.points = String(times.length);
  if (existing && existing.signature === signature) {
    existing.plot.setData(data);
    return;
  }
  existing?.plot.destroy();
  host.innerHTML = '';
  const hasRight = series.some(s => s.scale === 'right');
  const options: uPlot.Options = {
    width: Math.max(280, host.clientWidth),
    height,
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [
      { ...axisStyle },
      { ...axisStyle, size: 60 },
      ...(hasRight ? [{ ...axisStyle, scale: 'right', side: 1 as const, grid: { show: false }, size: 60 }] : []),
    ],
    series: [
      { label: 'time (UTC)' },
      ...series.map((s, i) => {
        const color = s.color ?? PALETTE[i % PALETTE.length];
        return {
          label: s.label,
          stroke: color,
          width: 1.5,
          scale: s.scale ?? 'y',
          fill: s.fill ? color + '22' : undefined,
          points: { show: false },
        };
      }),
    ],
  };
  const plot = new uPlot(options, data, host);
  held.set(host, { plot, signature });
}

/** Keeps every chart as wide as its card when the window is resized. */
export function followResizes(): void {
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const [host, { plot }] of held) plot.setSize({ width: Math.max(280, host.clientWidth), height: plot.height });
    });
  });
}

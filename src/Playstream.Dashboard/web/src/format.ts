// Number and time formatting, always in UTC (event time is UTC).

const integer = new Intl.NumberFormat('en-US');

export const n = (value: number): string => integer.format(value);

export const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

export function utc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const GENDER_NAMES: Record<string, string> = { '0': 'gender 0', '1': 'gender 1', unknown: 'unknown' };

export const genderLabel = (code: string): string => GENDER_NAMES[code] ?? `gender ${code}`;

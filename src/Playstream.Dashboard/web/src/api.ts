// Types of the dashboard's JSON API (see Api/Responses.cs) and a fetch helper.

export interface Overview {
  version: string; mode: string; source: string; state: string; hint: string | null;
  startedAt: string | null; finishedAt: string | null; resultsAt: string | null; elapsedSeconds: number | null;
  events: number; deadLetters: number; deadLettersByReason: Record<string, number>;
  unknownCustomers: number; unknownTracks: number; uniqueTracks: number; uniqueMobileTracks: number;
  listeners: number; interests: number; playsPerSecond: number | null; firstPlay: number | null; latestPlay: number | null;
}
export interface Activity {
  windowSeconds: number; slideSeconds: number;
  start: number[]; plays: number[]; mobilePlays: number[]; desktopPlays: number[]; listeners: number[];
}
export interface RankedTrack { rank: number; trackId: number; title: string; artist: string; plays: number }
export interface TopTracks {
  start: number | null; end: number | null; defaultStart: number | null; windowStarts: number[]; windowPlays: number;
  genders: { gender: string; tracks: RankedTrack[] }[];
}
export interface Breakdown { dimension: string; bucketSeconds: number; start: number[]; series: { key: string; plays: number[]; total: number }[] }
export interface ZipRow { zip: string; plays: number }
export interface ListenerRow { customerId: number; name: string; plays: number; mobilePlays: number; uniqueTracks: number }
export interface InterestRow { customerId: number; name: string; trackId: number; title: string; artist: string; detectedAt: number }
export interface Customer {
  customerId: number; known: boolean; name: string; gender: string; level: string; age: string; zip: string;
  plays: number; morning: number; afternoon: number; evening: number; night: number; mobile: number;
  mobilePlays: number; uniqueTracks: number; interests: InterestRow[];
}

export async function get<T>(path: string): Promise<T | null> {
  const response = await fetch(path, { cache: 'no-store' });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

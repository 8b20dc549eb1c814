/**
 * Finding dates written out in text ("January 13, 2023", "13 Jan 2023", "2023-01-13") and turning
 * them into ISO 8601 dates. Only complete dates (year, month, day) are returned.
 */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

const PATTERNS: Array<{ re: RegExp; ymd: (m: RegExpExecArray) => [string, string, string] }> = [
  // 2023-01-13, 2023/01/13 (optionally followed by a time)
  { re: /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/, ymd: (m) => [m[1] as string, m[2] as string, m[3] as string] },
  // January 13, 2023 · Jan. 13 2023
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i"), ymd: (m) => [m[3] as string, m[1] as string, m[2] as string] },
  // 13 January 2023 · 13. Jan 2023
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH},?\\s+(\\d{4})\\b`, "i"), ymd: (m) => [m[3] as string, m[2] as string, m[1] as string] },
];

function monthNumber(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  return MONTHS[token.toLowerCase().replace(/\.$/, "")] ?? null;
}

function iso(y: string, mo: string, d: string): string | null {
  const year = Number(y);
  const month = monthNumber(mo);
  const day = Number(d);
  if (!month || month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export interface FoundDate {
  iso: string;
  index: number;
  text: string;
}

/** The first complete date written in the text, or null. */
export function findDate(text: string): FoundDate | null {
  let best: FoundDate | null = null;
  for (const { re, ymd } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = ymd(m);
    const value = iso(y, mo, d);
    if (value && (best === null || m.index < best.index)) best = { iso: value, index: m.index, text: m[0] };
  }
  return best;
}

/** Normalises a date or date-time string from metadata to ISO 8601, or null when unparseable. */
export function normaliseDate(value: string): string | null {
  const v = value.trim();
  const full = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (full) return `${full[1]}T${full[2]}${full[3] ?? ""}`;
  const found = findDate(v);
  return found ? found.iso : null;
}

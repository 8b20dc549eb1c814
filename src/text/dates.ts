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

/* Dates as metadata gives them (meta tags, JSON-LD, a JSONL field), normalised to ISO 8601: a date,
 * or a date-time with its offset. */

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const SLASHED = /^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;

export const pad = (n: number | string): string => String(n).padStart(2, "0");

export function validDate(y: number, m: number, d: number): boolean {
  return y >= 1970 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function offset(zone: string | undefined): string {
  if (!zone) return "";
  if (zone.toUpperCase() === "Z") return "Z";
  const digits = zone.replace(":", "");
  const hh = digits.slice(1, 3);
  const mm = digits.slice(3, 5) || "00";
  return `${digits[0]}${hh}:${mm}`;
}

/** An ISO 8601 date or date-time, or null when the text holds no date we can trust. */
export function normaliseDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  let m = ISO.exec(t) ?? COMPACT.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDate(y, mo, d)) return null;
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    if (m[4] === undefined || m[5] === undefined) return date;
    const h = Number(m[4]);
    const min = Number(m[5]);
    if (h > 23 || min > 59) return date;
    return `${date}T${pad(h)}:${pad(min)}:${pad(m[6] ?? "00")}${offset(m[7])}`;
  }
  m = SLASHED.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  // Written dates ("November 18, 2019", "Mon, 18 Nov 2019 10:00:00 GMT"): trust them only with a
  // four-digit year and a month name, and keep the calendar date as written.
  if (/\b(?:19|20)\d{2}\b/.test(t) && /[a-z]{3}/i.test(t)) {
    const ms = Date.parse(t.replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/gi, "$1"));
    if (!Number.isNaN(ms)) {
      const when = new Date(ms);
      const hasTime = /\d{1,2}:\d{2}/.test(t);
      if (hasTime && /(?:GMT|UTC|Z|[+-]\d{4})\b/i.test(t)) return when.toISOString().replace(/\.\d{3}Z$/, "Z");
      const y = when.getFullYear();
      if (!validDate(y, when.getMonth() + 1, when.getDate())) return null;
      return `${y}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
    }
  }
  return null;
}

/** Publication dates as pages write them, normalised to ISO 8601 (a date, or a date-time with its offset). */

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const SLASHED = /^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;
const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/;

const pad = (n: number | string): string => String(n).padStart(2, "0");

function validDate(y: number, m: number, d: number): boolean {
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

/** A date written in a URL path (`/2019/11/18/`), as an ISO date. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = URL_DATE.exec(url);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

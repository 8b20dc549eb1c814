/** Publication dates as pages write them: the shared normaliser, and a date written in a URL. */
import { normaliseDate, pad, validDate } from "../text/dates.ts";

export { normaliseDate };

const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/;

/** A date written in a URL path (`/2019/11/18/`), as an ISO date. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = URL_DATE.exec(url);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

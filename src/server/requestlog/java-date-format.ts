/**
 * Formats dates with a Java SimpleDateFormat pattern in a time zone (the subset request logs use:
 * `yyyy yy MMM MM dd HH mm ss SSS Z EEE` and quoted text).
 * @module
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  dow: number;
  offsetMin: number;
}

/** Normalises Java zone ids that Intl does not know (`GMT+2`, `GMT-05:30`) to a fixed offset in minutes. */
function fixedOffset(zone: string): number | null {
  if (/^(GMT|UTC|Z)$/i.test(zone)) return 0;
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

function wallClock(date: Date, zone: string): Wall {
  const fixed = fixedOffset(zone);
  let offsetMin: number;
  if (fixed !== null) offsetMin = fixed;
  else {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).formatToParts(date);
      const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
      const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
      offsetMin = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
    } catch {
      offsetMin = 0;
    }
  }
  const t = new Date(date.getTime() + offsetMin * 60000);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth(),
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
    dow: t.getUTCDay(),
    offsetMin,
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Formats `date` with the Java pattern in `zone` (an IANA id, GMT, UTC or GMT+hh:mm). */
export function formatJavaDate(date: Date, pattern: string, zone = 'GMT'): string {
  const w = wallClock(date, zone);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const lit = pattern.slice(i + 1, end < 0 ? pattern.length : end);
      out += lit === '' ? "'" : lit;
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y':
        out += n === 2 ? pad(w.y % 100, 2) : pad(w.y, n);
        break;
      case 'M':
        out += n >= 3 ? MONTHS[w.mo] : pad(w.mo + 1, n);
        break;
      case 'd':
        out += pad(w.d, n);
        break;
      case 'H':
        out += pad(w.h, n);
        break;
      case 'm':
        out += pad(w.mi, n);
        break;
      case 's':
        out += pad(w.s, n);
        break;
      case 'S':
        out += pad(w.ms, 3).slice(0, n);
        break;
      case 'E':
        out += DAYS[w.dow];
        break;
      case 'Z':
      case 'X':
      case 'z': {
        const sign = w.offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(w.offsetMin);
        out += `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
        break;
      }
      default:
        out += c.repeat(n);
    }
  }
  return out;
}

// Text layout shared by the sandbox kubectl and helm, modelled on the Go libraries the real
// tools print with, so that greps and column cuts written against real output work here too.

/**
 * Go's text/tabwriter (flags 0): cells end with a tab; the text after a line's last tab is not
 * a cell and is never padded. A column block is a run of consecutive lines that all have a cell
 * in that column; every cell of a block is padded to the block's widest cell plus `padding`.
 */
export function tabwrite(text, { padding = 2, minwidth = 0 } = {}) {
  const lines = text.split('\n');
  const trailingNewline = lines.at(-1) === '';
  if (trailingNewline) lines.pop();
  const cells = lines.map((line) => line.split('\t'));
  const widths = [];
  const out = [];

  const writeLines = (from, to) => {
    for (let i = from; i < to; i++) {
      const row = cells[i];
      let s = '';
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        s += j < widths.length ? c.padEnd(widths[j], ' ') : c;
      }
      out.push(s);
    }
  };

  const format = (line0, line1) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= cells[i].length - 1) continue;
      // Line i starts a block for this column: flush the lines before it.
      writeLines(line0, i);
      line0 = i;
      let width = minwidth;
      for (; i < line1; i++) {
        if (column >= cells[i].length - 1) break;
        width = Math.max(width, cells[i][column].length + padding);
      }
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--; // the for loop's i++ revisits line i (the first line after the block)
    }
    writeLines(line0, line1);
  };

  format(0, cells.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

/**
 * github.com/gosuri/uitable as helm uses it: every cell (the last one too) is padded to its
 * column's width and cells are joined with a tab.
 */
export function uitable(rows) {
  const widths = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, String(cell).length);
    });
  }
  return rows.map((row) => row.map((cell, i) => String(cell).padEnd(widths[i], ' ')).join('\t')).join('\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => String(n).padStart(2, '0');
const hms = (d) => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;

/** Go time.ANSIC in UTC: "Mon Jan  6 10:00:00 2025". */
export function ansic(iso) {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} ${d.getUTCFullYear()}`;
}

/** Go time.RFC1123Z in UTC: "Mon, 06 Jan 2025 10:00:00 +0000". */
export function rfc1123z(iso) {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)} +0000`;
}

/** helm list's "2006-01-02 15:04:05.999999999 -0700 MST" in UTC. */
export function helmListTime(iso) {
  const d = new Date(iso);
  const ms = d.getUTCMilliseconds();
  const frac = ms ? `.${String(ms).padStart(3, '0').replace(/0+$/, '')}` : '';
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${hms(d)}${frac} +0000 UTC`;
}

/** Go's time.Time JSON form (RFC 3339). */
export function rfc3339(iso) {
  return new Date(iso).toISOString().replace(/\.000Z$/, 'Z');
}

/** k8s.io/apimachinery duration.HumanDuration, as kubectl prints AGE. */
export function humanDuration(ms) {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

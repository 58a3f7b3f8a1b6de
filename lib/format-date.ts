/** Dates as a reader reads them, shared by the cards and the facts the background builds. */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2021" → "2021", "2021-05" → "May 2021", "2021-05-14" → "14 May 2021"; anything else as given. */
export function formatDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return value;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  const year = String(Number(m[1]));
  if (!month) return year;
  return m[3] ? `${Number(m[3])} ${month} ${year}` : `${month} ${year}`;
}

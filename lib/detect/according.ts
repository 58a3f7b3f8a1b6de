/**
 * The one reader of "according to": where each cited source's name starts (for the attributions
 * component), and the channel a statement is reported through (a claim's `via`), named at the
 * statement's start ("According to the UN, ...") or at its end ("..., according to the statistics
 * office.").
 */

const ACCORDING = /\b[Aa]ccording to (?:(?:a|an|the)\s+)?/g;
/** A statement that opens with its channel, up to the comma. */
const LEADING = /^(?:according to ([^,]{2,80}),\s*)/i;
/** A statement that ends with its channel. */
const TRAILING = /,\s*according to (?:(?:a|an|the)\s+)?([^,;]{2,80}?)[.!]?["”]?$/i;
const ARTICLE = /^(?:a|an|the)\s+/i;

/** Each "according to" in `text`: where it starts, and where the source's name starts (after an article). */
export function accordingPhrases(text: string): Array<{ start: number; sourceAt: number }> {
  return [...text.matchAll(ACCORDING)].map((m) => ({ start: m.index, sourceAt: m.index + m[0].length }));
}

/**
 * The channel a statement names, without its article, and how much of the statement's start the
 * naming takes (0 when it comes at the end): the statement proper starts after it.
 */
export function channelOf(statement: string): { via: string; opening: number } | undefined {
  const leading = LEADING.exec(statement);
  if (leading) return { via: leading[1]!.replace(ARTICLE, ''), opening: leading[0].length };
  const trailing = TRAILING.exec(statement);
  return trailing ? { via: trailing[1]!, opening: 0 } : undefined;
}

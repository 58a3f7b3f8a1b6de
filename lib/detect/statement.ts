/**
 * Where a sentence's statement starts: after a label ("ANALYSIS: ") or a news dateline before the
 * first sentence ("LONDON (Reuters) - "). The figures component and the sentence reader both read
 * the statement from here.
 */

const LABEL = /^(?:READ|WATCH|OPINION|ANALYSIS|UPDATE|BREAKING|EXCLUSIVE|LISTEN|SEE ALSO|RELATED)\s*[:|-]\s*/;
/** A news dateline before the first sentence: "LONDON (Reuters) - ", "KYIV, March 3 (AP) — ". */
const DATELINE = /^\p{Lu}[\p{Lu} .,'-]{1,40}(?:,[^()\n]{1,30})?\s*\([^)\n]{1,40}\)\s*[-–—]+\s*/u;

/** The offset in `text` where the statement of the sentence [start, end) starts. */
export function statementOffset(text: string, sentence: { start: number; end: number }): number {
  const sText = text.slice(sentence.start, sentence.end);
  const label = LABEL.exec(sText) ?? DATELINE.exec(sText);
  return label ? sentence.start + label[0].length : sentence.start;
}

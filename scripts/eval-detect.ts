/**
 * Scores detection on the development sets kept beside the project (`../shared/eval`), with their
 * own scorers, the way the README reports it:
 *   npm run -s eval              # every task whose data is present
 *   npm run -s eval -- claims    # one task
 * Each task runs the annotator (`scripts/annotate.ts`, the same `lib/detect` the page bundles) on
 * the dev sentences, maps its output to the scorer's format and prints the scorer's JSON line.
 * The data is read in place, never copied; a task whose data is missing is skipped with a note.
 * A new task (entities: map person/place/organization to PER/LOC/ORG, score with eval-ner.mjs) is
 * one more entry in `TASKS`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EVAL = path.resolve(ROOT, '../shared/eval');

/** One line of the annotator's `.jsonl` output. */
interface AnnotatedLine {
  id: unknown;
  entities: Array<{ start: number; end: number; type: string; text: string }>;
  claims: Array<{ start: number; end: number; kind: string; score: number; text: string }>;
}

interface Task {
  /** The dev sentences the annotator reads. */
  input: string;
  /** The scorer under ../shared/eval. */
  scorer: string;
  /** From one annotated line to one line the scorer reads. */
  toPrediction: (line: AnnotatedLine) => unknown;
}

const TASKS: Record<string, Task> = {
  // How the benchmark reads the annotator: a line is check-worthy when it holds any claim that
  // is not an opinion.
  claims: {
    input: 'checkworthy-dev/dev.jsonl',
    scorer: 'eval-claims.mjs',
    toPrediction: (l) => ({ id: l.id, label: l.claims.some((c) => c.kind !== 'opinion') ? 'Yes' : 'No' }),
  },
};

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
  }
  return r.stdout;
}

function evaluate(name: string, task: Task, dir: string): void {
  const input = path.join(EVAL, task.input);
  if (!existsSync(input)) {
    console.log(`${name}: skipped, ${input} is missing`);
    return;
  }
  const annotated = run('npx', ['tsx', 'scripts/annotate.ts', input]);
  const predictions = annotated
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.stringify(task.toPrediction(JSON.parse(l) as AnnotatedLine)));
  const file = path.join(dir, `${name}.jsonl`);
  writeFileSync(file, `${predictions.join('\n')}\n`);
  console.log(`${name}: ${run('node', [path.join(EVAL, task.scorer), file]).trim()}`);
}

const wanted = process.argv.slice(2);
for (const w of wanted) if (!(w in TASKS)) throw new Error(`unknown task ${w} (have ${Object.keys(TASKS).join(', ')})`);
const dir = mkdtempSync(path.join(tmpdir(), 'sidenote-eval-'));
for (const [name, task] of Object.entries(TASKS))
  if (!wanted.length || wanted.includes(name)) evaluate(name, task, dir);

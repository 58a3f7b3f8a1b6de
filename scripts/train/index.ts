/**
 * `npm run train`: learns detection's models from the training splits beside the project
 * (`../shared/eval/*-train`) and writes them as generated files under `lib/detect/models/`,
 * which the project commits. Deterministic: same data, same weights.
 *   npm run train            # every model
 *   npm run train -- claims  # one model
 * A new model is one entry in `TRAINERS` (a file beside this one, using `common.ts`).
 */
import { trainClaims } from './claims';
import { readJsonl } from './common';
import { trainEntities } from './entities';

// Entities first: the claim model reads the entities detection finds among its features.
const TRAINERS: Record<string, () => void> = {
  entities: trainEntities,
  claims: () => trainClaims(readJsonl('checkworthy-train/train.jsonl')),
};

// Model names; options (`--dry`, `--l2-words 1e-3,3e-3`, …) are read by the trainers themselves.
const wanted = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
for (const w of wanted)
  if (!(w in TRAINERS)) throw new Error(`unknown model ${w} (have ${Object.keys(TRAINERS).join(', ')})`);
for (const [name, train] of Object.entries(TRAINERS)) if (!wanted.length || wanted.includes(name)) train();

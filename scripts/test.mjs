#!/usr/bin/env node
// The whole test pipeline, in order: typecheck, lint, unit tests, build, web-ext lint,
// end-to-end tests in Chromium and Firefox. Every step runs even when an earlier one failed
// (except those that need the build), and the last line is the plain "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'tests/artifacts/reports';
mkdirSync(REPORTS, { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function run(title, command, args) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return result.status === 0;
}

/** A gate (typecheck, lint, build) counts as one test. */
function gate(title, command, args) {
  const ok = run(title, command, args);
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(title);
  }
  return ok;
}

/** A vitest suite counts each of its tests; a suite that could not report counts as one failure. */
function suite(title, config, name) {
  const report = `${REPORTS}/${name}.json`;
  rmSync(report, { force: true });
  const ok = run(title, 'npx', [
    'vitest',
    'run',
    '-c',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ]);
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${title} (no report)`);
    return;
  }
  const { numPassedTests, numFailedTests, numTotalTests, testResults = [] } = JSON.parse(readFileSync(report, 'utf8'));
  passed += numPassedTests;
  failed += numFailedTests;
  // Files that failed to load report no tests; count each as a failure so they cannot hide.
  const broken = testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed += broken.length;
  for (const f of broken) failures.push(`${title}: ${f.name} did not load`);
  if (numFailedTests) failures.push(`${title}: ${numFailedTests} of ${numTotalTests} failed`);
  if (!ok && !numFailedTests && !broken.length) {
    failed += 1;
    failures.push(`${title} exited with an error`);
  }
}

gate('typecheck', 'npx', ['tsc', '--noEmit']);
gate('lint', 'npx', ['biome', 'ci', '.']);
suite('unit tests', 'vitest.config.ts', 'unit');
const built = gate('build (chrome-mv3, firefox-mv3, store zips)', 'npm', ['run', '-s', 'build']);
if (built) {
  gate('web-ext lint (firefox-mv3)', 'npx', [
    'web-ext',
    'lint',
    '--source-dir',
    '.output/firefox-mv3',
    '--self-hosted',
  ]);
  suite('end-to-end tests (chromium, firefox)', 'vitest.e2e.config.ts', 'e2e');
} else {
  failed += 2;
  failures.push('web-ext lint and end-to-end tests skipped: no build');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

/**
 * Data the tests read from beside the project (../shared: the seed's expectations, the development
 * corpus). A run without it must fail, never pass by skipping.
 */
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';

/**
 * Whether `file` is there; registers a test that fails when it is not, so the caller can guard the
 * tests that read it (`describe.runIf(present)`) without the run passing for want of data.
 */
export function requireShared(file: string, what: string): boolean {
  const present = existsSync(file);
  test(`has ${what} beside the project`, () => {
    expect(present, `missing ${file}: this test reads ${what}`).toBe(true);
  });
  return present;
}

import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { detectionSchema } from '../../lib/contracts/detection';
import { lazy } from '../../lib/lazy';
import { toBackground } from '../../lib/messaging/protocol';
import { DEFAULT_SETTINGS, settingsSchema } from '../../lib/settings/schema';

describe('lazy', () => {
  it('builds nothing until first read, then builds once', () => {
    let builds = 0;
    const schema = lazy(() => {
      builds++;
      return z.object({ n: z.int() });
    });
    expect(builds).toBe(0);
    expect(schema.safeParse({ n: 1 }).success).toBe(true);
    expect(schema.safeParse({ n: 1.5 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands in for the schema inside other schemas, of either zod flavour', async () => {
    const failure = lazy(() => z.object({ status: z.literal('error'), message: z.string() }));
    const found = lazy(() => z.object({ status: z.literal('found'), title: z.string() }));
    const either = lazy(() => z.discriminatedUnion('status', [found, failure]));
    expect(z.record(z.string(), either).safeParse({ a: { status: 'found', title: 'Syria' } }).success).toBe(true);
    expect(either.safeParse({ status: 'found', title: 3 }).success).toBe(false);
    expect(z.extend(found, { extra: z.number() }).parse({ status: 'found', title: 'x', extra: 1 })).toEqual({
      status: 'found',
      title: 'x',
      extra: 1,
    });
    const classic = await import('zod');
    expect(classic.z.object({ inner: failure }).safeParse({ inner: { status: 'error', message: 'm' } }).success).toBe(
      true,
    );
    expect(classic.z.object({ inner: failure }).safeParse({ inner: { status: 'error' } }).success).toBe(false);
  });

  it('keeps the shared schemas checking what they checked', () => {
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, hoverDelayMs: -1 }).success).toBe(false);
    expect(Object.hasOwn(toBackground, 'detectText')).toBe(true);
    expect(Object.keys(toBackground)).toContain('lookupEntities');
    const reply = { entities: [], claims: [], attributions: [] };
    expect(toBackground.detectText.response.safeParse(reply).success).toBe(true);
    expect(detectionSchema.safeParse({ ...reply, claims: [{ start: -1 }] }).success).toBe(false);
  });
});

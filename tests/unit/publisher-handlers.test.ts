import { describe, expect, test } from 'vitest';
import { createSourceHandlers } from '../../lib/background/source-handlers';
import { createListener } from '../../lib/messaging/channel';
import { toBackground } from '../../lib/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import type { GetJson } from '../../lib/wikimedia/http';
import { answerSourceRequest } from '../e2e/api-stand-in/source/answers';

function setup() {
  const urls: string[] = [];
  const getJson: GetJson = async (url) => {
    urls.push(url);
    const data = answerSourceRequest(new URL(url));
    return data === undefined ? { ok: false, failure: { status: 'error', reason: 'unavailable' } } : { ok: true, data };
  };
  const store = new Map<string, unknown>();
  const settings = {
    ...DEFAULT_SETTINGS,
    endpoints: {
      ...DEFAULT_SETTINGS.endpoints,
      wikipedia: 'http://127.0.0.1:9/wikipedia/{lang}',
      wikidata: 'http://127.0.0.1:9/wikidata',
    },
  };
  const handlers = createSourceHandlers({
    getJson,
    cache: { get: async (k) => store.get(k), set: async (k, v) => void store.set(k, v) },
    settings: async () => settings,
  });
  const listener = createListener(toBackground, handlers);
  const send = (name: string, request: unknown) =>
    listener({ sidenote: 1, name, request }, {} as Parameters<typeof listener>[1]);
  return { urls, send, store };
}

describe('background source handlers through the protocol', () => {
  test('lookupSource answers a validated SourceContext; the second time from the cache', async () => {
    const { urls, send } = setup();
    const request = { language: 'en', publisher: { name: 'Middle East Monitor', domain: 'middleeastmonitor.com' } };
    const first = await send('lookupSource', request);
    expect(first).toMatchObject({ ok: true, value: { name: 'Middle East Monitor', perennial: { status: 'listed' } } });
    const count = urls.length;
    expect(count).toBe(5);
    expect(await send('lookupSource', request)).toEqual(first);
    expect(urls).toHaveLength(count);
    // A cited source by name shares the cached Perennial list: only its own lookups go out.
    await send('lookupSource', { language: 'en', name: 'Anadolu Agency' });
    expect(urls.length - count).toBe(3);
  });

  test('checkFigure answers the comparison', async () => {
    const { send } = setup();
    const reply = await send('checkFigure', {
      language: 'en',
      figure: { number: 4_500_000, unit: 'count', of: 'people' },
      entity: { name: 'Berlin' },
      date: '2021-09-14',
    });
    expect(reply).toMatchObject({ ok: true, value: { verdict: 'differs', difference: { amount: 22.4 } } });
  });

  test('bad requests get a clear error, not a throw', async () => {
    const { send, urls } = setup();
    expect(await send('lookupSource', { language: 'en', publisher: {} })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid request for lookupSource/),
    });
    expect(await send('lookupSource', { language: 'en', publisher: { domain: 'javascript:alert(1)' } })).toMatchObject({
      ok: false,
    });
    expect(
      await send('checkFigure', {
        language: 'en',
        figure: { number: 'many', unit: 'count' },
        entity: { name: 'Berlin' },
      }),
    ).toMatchObject({ ok: false });
    expect(
      await send('checkFigure', {
        language: 'en',
        figure: { number: 1, unit: 'count' },
        entity: { wikidataId: 'P31' },
      }),
    ).toMatchObject({ ok: false });
    expect(urls).toHaveLength(0);
  });
});

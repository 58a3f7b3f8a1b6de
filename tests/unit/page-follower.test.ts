// @vitest-environment happy-dom
/**
 * Following the page's changes with fake timers: the debounce, the maximum wait for a page that
 * never goes quiet, the bounded list of pending changes, and backing off from what the page keeps
 * rewriting.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MAX_WAIT_MS, type PageChanges, PageFollower, RewriteBackoff } from '../../lib/annotate/page-follower';

/** Lets happy-dom deliver the mutation records (a microtask) without moving the fake clock. */
const records = () => Promise.resolve().then(() => undefined);

describe('the page follower', () => {
  let batches: PageChanges[];
  let follower: PageFollower;
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<article><p id="a">Lisbon</p></article><sidenote-root></sidenote-root>';
    batches = [];
  });
  afterEach(() => {
    follower?.stop();
    vi.useRealTimers();
  });

  const follow = (options: Partial<ConstructorParameters<typeof PageFollower>[1]> = {}) => {
    follower = new PageFollower(document, {
      debounceMs: 250,
      isOurs: (node) => node.nodeType === 1 && (node as Element).localName === 'sidenote-root',
      onChanges: (changes) => batches.push(changes),
      ...options,
    });
    follower.start();
  };

  test('waits for the page to be quiet for the debounce (the option is honoured)', async () => {
    follow({ debounceMs: 400 });
    document.getElementById('a')!.append(' and Porto');
    await records();
    vi.advanceTimersByTime(399);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.nodes).toHaveLength(1);
  });

  test('a page that changes more than four times a second still gets its changes read within the maximum wait', async () => {
    follow();
    const text = document.getElementById('a')!.firstChild as Text;
    let waited = 0;
    for (let i = 0; i < 20 && !batches.length; i++) {
      text.data = `Lisbon ${i}`;
      await records();
      vi.advanceTimersByTime(200);
      waited += 200;
    }
    // The debounce (250 ms) never passed quietly, yet the changes were read within the maximum wait.
    expect(batches.length).toBe(1);
    expect(waited).toBeLessThanOrEqual(MAX_WAIT_MS);
    expect(MAX_WAIT_MS).toBeLessThanOrEqual(1000);
  });

  test("changes inside Sidenote's own host are not the page's", async () => {
    follow();
    document.querySelector('sidenote-root')!.append(document.createElement('style'));
    await records();
    vi.advanceTimersByTime(2000);
    expect(batches).toHaveLength(0);
  });

  test('past the bound of pending changes, one re-read of the article replaces them', async () => {
    follow({ maxPending: 10 });
    const article = document.querySelector('article')!;
    for (let i = 0; i < 50; i++) {
      const p = document.createElement('p');
      p.textContent = `Paragraph ${i}`;
      article.append(p);
    }
    await records();
    vi.advanceTimersByTime(300);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.overflow).toBe(true);
    expect(batches[0]!.nodes).toHaveLength(0);
  });
});

describe('backing off from what the page keeps rewriting', () => {
  test('a node is read at once its first few times, then after waits that double, up to a ceiling', () => {
    let now = 0;
    const backoff = new RewriteBackoff({ now: () => now, setTimeout: () => 0, clearTimeout: () => undefined });
    const clock = document.createTextNode('10:00');
    const sentence = document.createTextNode('Porto is calm.');
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      waits.push(backoff.delay(clock));
      now += 1000;
    }
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits.slice(3)).toEqual([2000, 4000, 8000, 16_000, 30_000]);
    // Another node of the same paragraph is not held back by the clock beside it.
    expect(backoff.delay(sentence)).toBe(0);
    // Quiet for a while, the node is read at once again.
    now += 60_000;
    expect(backoff.delay(clock)).toBe(0);
  });
});

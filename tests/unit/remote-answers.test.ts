import { describe, expect, test } from 'vitest';
import { RETRY_MS, RemoteAnswers } from '../../lib/page/remote-answers';

describe('the page keeps the background’s answers', () => {
  test('a question is asked once; a failure is asked again, not sooner than RETRY_MS', () => {
    const answers = new RemoteAnswers<{ title: string }>();
    expect(answers.due('a', 0)).toBe(true);
    answers.markAsked('a', 0);
    expect(answers.wasAsked('a')).toBe(true);
    expect(answers.due('a', RETRY_MS * 5)).toBe(false); // asked, no answer yet
    answers.settle('a', { ok: true, value: { title: 'A' } });
    expect(answers.get('a')).toEqual({ title: 'A' });
    expect(answers.due('a', RETRY_MS * 5)).toBe(false);

    answers.markAsked('b', 1000);
    answers.settle('b', { ok: false, error: 'gone' });
    expect(answers.get('b')).toMatchObject({ status: 'error' });
    expect(answers.due('b', 1000 + RETRY_MS - 1)).toBe(false);
    expect(answers.due('b', 1000 + RETRY_MS)).toBe(true);
  });
});

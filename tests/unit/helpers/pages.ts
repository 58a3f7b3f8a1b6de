/**
 * Pages for the tests that read a document without laying it out (the finder, metadata,
 * publishers): parsed by linkedom, as the finder's benchmarks read them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

/** A document parsed from `html` by linkedom. */
export const htmlDocument = (html: string): Document => parseHTML(html).document as unknown as Document;

/** The markup of a saved article in tests/fixtures/articles. */
export const articleHtml = (name: string): string => readFileSync(join('tests/fixtures/articles', name), 'utf8');

/** A saved article from tests/fixtures/articles, parsed. */
export const articleFixture = (name: string): Document => htmlDocument(articleHtml(name));

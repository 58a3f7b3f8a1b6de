import path from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { build } from 'vite';
import type { Route } from '../server';
import { Article, fixedStore } from './app';
import { INITIAL_STATE } from './story';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SCRIPT_PATH = '/react-article/app.js';

/**
 * React's development build, so hydration mismatches and misuse are reported in the console (the
 * production build only throws the minified #418/#423 errors).
 */
async function bundleClient(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    mode: 'development',
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(import.meta.dirname, 'client.ts'), formats: ['iife'], name: 'reactArticle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{
    output: Array<{ type: string; code?: string }>;
  }>;
  const code = outputs.flatMap((r) => r.output).find((o) => o.type === 'chunk')?.code;
  if (!code) throw new Error('vite gave no chunk for the React page');
  return code;
}

/**
 * Runs before anything else in the page: records every console error or warning, uncaught error
 * and unhandled rejection into `window.__problems`, so the test can read them in both browsers.
 */
const RECORDER = `
window.__problems = [];
// React's warnings are format strings ("… in <%s>"): fill them in so a failure reads plainly.
const formatted = (args) => {
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(String).join(' ');
  const text = first.replace(/%[sdifoOc]/g, () => (rest.length ? String(rest.shift()) : ''));
  return [text, ...rest.map(String)].join(' ');
};
for (const level of ['error', 'warn']) {
  const original = console[level];
  console[level] = function (...args) {
    window.__problems.push(level + ': ' + formatted(args));
    return original.apply(this, args);
  };
}
addEventListener('error', (e) => window.__problems.push('uncaught: ' + (e.error && e.error.stack ? e.error.stack : e.message)));
addEventListener('unhandledrejection', (e) => window.__problems.push('unhandled rejection: ' + String(e.reason)));
`;

const STYLE = `
body { font-family: Georgia, serif; margin: 0; color: #1d1d1d; background: #fdfcf9; }
.masthead { background: #3a1f0f; color: #fff; padding: 12px 24px; display: flex; gap: 24px; align-items: baseline; font-family: Arial, sans-serif; }
.masthead a { color: #fff; text-decoration: none; font-size: 14px; }
.layout { display: grid; grid-template-columns: minmax(0, 700px) 260px; gap: 40px; max-width: 1040px; margin: 24px auto; padding: 0 16px; }
article h1 { font-size: 32px; line-height: 1.2; margin: 0 0 8px; }
.meta { font-family: Arial, sans-serif; color: #666; font-size: 13px; margin-bottom: 16px; }
article p { font-size: 18px; line-height: 1.6; }
.badge { background: #b00; color: #fff; font: bold 12px Arial, sans-serif; padding: 1px 6px; border-radius: 3px; margin-right: 4px; }
aside { font-family: Arial, sans-serif; font-size: 14px; }
footer { background: #eee; padding: 24px; font-family: Arial, sans-serif; font-size: 13px; }
`;

export type RenderMode = 'client' | 'server';

/** The whole page: furniture around `#root`, which is empty (client) or holds the server's render. */
export function pageHtml(mode: RenderMode, hydrate: string): string {
  const inner = mode === 'server' ? renderToString(createElement(Article, { store: fixedStore(INITIAL_STATE) })) : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Putin hosts Assad in Moscow as pressure builds over Idlib – The Harbour Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="The Harbour Courier">
<meta property="og:type" content="article">
<meta property="og:title" content="Putin hosts Assad in Moscow as pressure builds over Idlib">
<meta property="article:published_time" content="2021-09-14T09:30:00+00:00">
<script>${RECORDER}</script>
<style>${STYLE}</style>
</head>
<body>
<header class="masthead"><a href="/"><strong>THE HARBOUR COURIER</strong></a>
<nav><a href="/world">World</a> · <a href="/middle-east">Middle East</a> · <a href="/opinion">Opinion</a></nav></header>
<div class="layout">
<main><div id="root" data-mode="${mode}" data-hydrate="${hydrate}">${inner}</div></main>
<aside><h2>Most read</h2><ol><li><a href="/a">Ferry strike enters its third week</a></li><li><a href="/b">The quiet return of the tram</a></li><li><a href="/c">Ten walks along the old canal</a></li></ol></aside>
</div>
<footer>© 2021 The Harbour Courier. All rights reserved. <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></footer>
<script src="${SCRIPT_PATH}"></script>
</body>
</html>`;
}

/**
 * The route that serves the React page: `/react-article.html?mode=client|server&hydrate=manual|<ms>` (2500 ms unless given)
 * and its script, bundled once (in memory) on the first request.
 */
export function reactArticleRoute(): Route {
  let bundle: Promise<string> | undefined;
  return async (_req, res, url) => {
    if (url.pathname === SCRIPT_PATH) {
      bundle ??= bundleClient();
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(await bundle);
      return true;
    }
    if (url.pathname !== '/react-article.html') return false;
    const mode: RenderMode = url.searchParams.get('mode') === 'server' ? 'server' : 'client';
    const html = pageHtml(mode, url.searchParams.get('hydrate') ?? '2500');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    return true;
  };
}

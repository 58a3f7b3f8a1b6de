import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { Resvg } from '@resvg/resvg-js';
import { defineConfig } from 'wxt';
import { highlightStylesheet } from './lib/annotate/styles';
import { GECKO_ID } from './lib/ids';

const ICON_SIZES = [16, 32, 48, 96, 128] as const;
/** The pages Sidenote's first script runs on. */
const PAGE_MATCHES = ['http://*/*', 'https://*/*'];
/** The first script, on every page (entrypoints/sidenote-gate.ts): it decides, and mostly stops there. */
const GATE_FILE = 'sidenote-gate.js';
/**
 * The rest of the page's side, imported by the first script on pages Sidenote works on
 * (entrypoints/sidenote-page.ts, sidenote-cards.ts). Built as ES modules so `import()` can load them.
 */
const LAZY_PARTS = ['sidenote-page', 'sidenote-cards'];

/**
 * Icons are drawn once as SVG (`assets/icon.svg`) and rendered to PNG at build time,
 * so there is one source of truth and no binary files in the repository.
 */
function renderIcons(outDir: string): { relativeDest: string; absoluteSrc: string }[] {
  const svg = readFileSync(resolve('assets/icon.svg'));
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, png);
    return { relativeDest: `icon/${size}.png`, absoluteSrc: file };
  });
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // User Timing marks (lib/timeline.ts) only in a benchmark build: `SIDENOTE_TIMING=1 wxt build`.
    define: { __SIDENOTE_TIMING__: JSON.stringify(process.env.SIDENOTE_TIMING === '1') },
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      files.push(...renderIcons(join(wxt.config.wxtDir, 'icons')));
      if (wxt.config.browser === 'firefox') {
        // Firefox's declared stylesheet for the marks' highlights (lib/page/mark-style.ts says why).
        const css = join(wxt.config.wxtDir, 'marks.css');
        writeFileSync(css, `${highlightStylesheet('both')}\n`);
        files.push({ absoluteSrc: css, relativeDest: 'content-scripts/marks.css' });
      }
    },
    // The lazily loaded parts are ES modules (their default export is what their main() returns),
    // so the first script can `import()` them; WXT builds unlisted scripts as IIFEs otherwise.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length !== 1 || !LAZY_PARTS.includes(entrypoints[0]!.name)) return;
      const lib = config.build?.lib;
      if (lib) lib.formats = ['es'];
      // Vite leaves an ES library's whitespace for its consumers to minify; these files are final.
      const output = config.build?.rollupOptions?.output;
      if (output && !Array.isArray(output)) Object.assign(output, { minify: true });
    },
    // The first script is an unlisted script listed here by hand rather than a WXT content
    // script: WXT's content-script context announces itself to the page (a window message and a
    // document event named after the extension), which would tell every page Sidenote is installed.
    'build:manifestGenerated': (wxt, manifest) => {
      const firefox = wxt.config.browser === 'firefox';
      manifest.content_scripts = [
        {
          matches: PAGE_MATCHES,
          js: [GATE_FILE],
          run_at: 'document_idle',
          // Firefox takes a declared stylesheet away with the extension, so highlights a stopped
          // script could not take out paint nothing there (lib/page/mark-style.ts). Chromium's cut-off
          // script takes its highlights out itself, so there the look is put in only where Sidenote works.
          ...(firefox ? { css: ['content-scripts/marks.css'] } : {}),
        },
      ];
      // Only the first script may load these. Chromium: through a per-session URL, so a page cannot
      // probe for them; Firefox's extension address is a per-install UUID to begin with.
      manifest.web_accessible_resources = [
        {
          resources: LAZY_PARTS.map((name) => `${name}.js`),
          matches: PAGE_MATCHES,
          ...(firefox ? {} : { use_dynamic_url: true }),
        },
      ] as typeof manifest.web_accessible_resources;
    },
  },
  manifest: ({ browser }) => ({
    name: 'Sidenote',
    description:
      'Context for the news you read: who and what an article names, which claims to check, and who is behind the source.',
    icons: Object.fromEntries(ICON_SIZES.map((s) => [s, `icon/${s}.png`])),
    action: {
      default_title: 'Sidenote',
      default_icon: Object.fromEntries(ICON_SIZES.map((s) => [s, `icon/${s}.png`])),
    },
    // `storage` keeps settings; nothing else is needed: lookups go to CORS-enabled public APIs.
    permissions: ['storage'],
    commands: {
      'toggle-annotations': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Turn Sidenote annotations on or off on this page',
      },
    },
    // Marks are CSS highlights (lib/annotate/highlights.ts): Chromium paints them since 105; the
    // finder's `checkVisibility({ visibilityProperty })` needs 121. Firefox has them since 140.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions needs Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '121' }),
  }),
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { Resvg } from '@resvg/resvg-js';
import { defineConfig } from 'wxt';
import { GECKO_ID } from './lib/ids';

const ICON_SIZES = [16, 32, 48, 96, 128] as const;
/** Built from entrypoints/sidenote-wiring.ts, sidenote-detect.ts and sidenote-cards.ts. */
const CONTENT_PARTS = ['sidenote-wiring.js', 'sidenote-detect.js', 'sidenote-cards.js'];

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
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      files.push(...renderIcons(join(wxt.config.wxtDir, 'icons')));
    },
    // The content script's parts (lib/page/parts.ts) each get an entry of their own, after the
    // wiring's: browsers evaluate one entry's files in one task, and separate entries in
    // separate tasks, so no single task compiles and runs the whole content script.
    'build:manifestGenerated': (_wxt, manifest) => {
      const main = manifest.content_scripts?.find((s) => s.js?.includes('content-scripts/content.js'));
      if (!main) throw new Error('The content script is missing from the manifest');
      for (const file of CONTENT_PARTS) manifest.content_scripts!.push({ ...main, js: [file], css: undefined });
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
      : {}),
  }),
});

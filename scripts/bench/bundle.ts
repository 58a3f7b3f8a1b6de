import path from 'node:path';
import { build, type LibraryOptions } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Bundles one of the project's modules in memory with vite (nothing written) and returns the code
 * of its one chunk: for scripts that measure a bundle or run it in a page.
 */
export async function bundleCode(lib: LibraryOptions, minify: boolean): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: { write: false, minify, lib },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{
    output: Array<{ type: string; code?: string }>;
  }>;
  return outputs.flatMap((r) => r.output).find((o) => o.type === 'chunk')?.code ?? '';
}

// Bundles the CLI into one ESM file, dist/atqos.mjs: one file loads several times faster than
// hundreds of ESM modules, and start-up is paid on every `atqos` call (bench/diagnose-vs-pytest).
// better-sqlite3 stays external (native addon); plugin assets are found from the package root.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/atqos.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __atqosCreateRequire } from 'node:module'; const require = __atqosCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

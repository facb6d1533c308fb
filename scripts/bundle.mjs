// Bundles the CLI into one ESM file, dist/atqos.mjs: one file loads several times faster than
// hundreds of ESM modules, and start-up is paid on every `atqos` call (bench/diagnose-vs-pytest).
// The Action host is bundled the same way into dist/action.mjs (action.yml runs it with node).
// The App (dist/app.mjs) is a long-running server: its npm packages (Probot) stay external.
// better-sqlite3 stays external (native addon); plugin assets are found from the package root.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __atqosCreateRequire } from 'node:module'; const require = __atqosCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/atqos.mjs' }),
  build({ ...common, entryPoints: ['action/main.ts'], outfile: 'dist/action.mjs' }),
  build({ ...common, entryPoints: ['src/app/main.ts'], outfile: 'dist/app.mjs', packages: 'external' }),
]);

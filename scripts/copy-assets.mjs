// Copies the non-TypeScript files plugins ship (Python helpers run as subprocesses) into dist/,
// next to the compiled plugin code that locates them.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ASSET = /\.(py)$/;

function copyTree(src, dest) {
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '__pycache__' || entry.name === '__fixtures__') continue;
      copyTree(from, to);
    } else if (ASSET.test(entry.name)) {
      fs.mkdirSync(dest, { recursive: true });
      fs.copyFileSync(from, to);
    }
  }
}

copyTree(path.join(root, 'plugins'), path.join(root, 'dist', 'plugins'));

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../plugins/index.js';

const pluginsDir = new URL('../plugins/', import.meta.url);
const folders = fs
  .readdirSync(pluginsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();

describe('plugin registry', () => {
  it('has exactly one entry per plugin folder, keyed by the folder name', () => {
    expect([...registry.keys()].sort()).toEqual(folders);
  });

  it.each(folders)('%s follows the plugin contract', (id) => {
    const p = registry.get(id);
    expect(p?.id).toBe(id);
    expect(p?.description.length).toBeGreaterThan(10);
    expect(fs.existsSync(new URL(`${id}/index.ts`, pluginsDir))).toBe(true);
    expect(fs.existsSync(new URL(`${id}/readme.md`, pluginsDir))).toBe(true);
    for (const fn of ['detect', 'parseOptions', 'collect', 'normalize', 'plan', 'validation'] as const) {
      expect(typeof p?.[fn], `${id}.${fn}`).toBe('function');
    }
    // An empty or absent config section must give working defaults.
    expect(() => p?.parseOptions(undefined)).not.toThrow();
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeName, listZip, readZipEntry } from './zip.js';
import { makeZip } from './test-support.js';

const hasZipCli = spawnSync('zip', ['-v']).status === 0;
const entry = (zip: Buffer, name: string) => {
  const found = listZip(zip).find((e) => e.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe('zip reader', () => {
  it.skipIf(!hasZipCli)('reads stored and deflated entries of an archive written by the zip CLI', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-zip-'));
    const plan = JSON.stringify({ schema: 'atqos/publish-plan@1', pad: 'x'.repeat(5000) });
    fs.mkdirSync(path.join(dir, 'raw'));
    fs.writeFileSync(path.join(dir, 'publish-plan.json'), plan);
    fs.writeFileSync(path.join(dir, 'raw', 'tiny.txt'), 'hi');
    execFileSync('zip', ['-q', '-r', 'out.zip', 'publish-plan.json', 'raw'], { cwd: dir });
    const zip = fs.readFileSync(path.join(dir, 'out.zip'));
    expect(listZip(zip).map((e) => e.name).sort()).toEqual(['publish-plan.json', 'raw/', 'raw/tiny.txt']);
    expect(entry(zip, 'publish-plan.json').method).toBe(8);
    expect(readZipEntry(zip, entry(zip, 'publish-plan.json'), 1 << 20).toString()).toBe(plan);
    expect(readZipEntry(zip, entry(zip, 'raw/tiny.txt'), 1 << 20).toString()).toBe('hi');
  });

  it('reads stored and deflated entries (in-test writer)', () => {
    const zip = makeZip([{ name: 'a.json', data: '{"a":1}' }, { name: 'b.txt', data: 'bee', stored: true }]);
    expect(readZipEntry(zip, entry(zip, 'a.json'), 100).toString()).toBe('{"a":1}');
    expect(readZipEntry(zip, entry(zip, 'b.txt'), 100).toString()).toBe('bee');
  });

  it('refuses archives with names that leave the archive', () => {
    for (const name of ['../x.json', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\b']) {
      expect(() => listZip(makeZip([{ name, data: 'x' }])), name).toThrow(/absolute or leaves the archive/);
    }
    expect(isSafeName('reports/..json')).toBe(true);
  });

  it('refuses an entry over the size cap before inflating it', () => {
    const zip = makeZip([{ name: 'big.json', data: 'x'.repeat(10_000) }]);
    expect(() => readZipEntry(zip, entry(zip, 'big.json'), 1000)).toThrow(/over the 1000-byte limit/);
  });

  it('refuses an entry whose declared size lies (a zip bomb) or whose checksum does not match', () => {
    const zip = makeZip([{ name: 'p.json', data: 'y'.repeat(5000) }]);
    const lying = { ...entry(zip, 'p.json'), size: 10 };
    expect(() => readZipEntry(zip, lying, 1 << 20)).toThrow(/does not inflate to its declared size/);
    const damaged = { ...entry(zip, 'p.json'), crc: 1 };
    expect(() => readZipEntry(zip, damaged, 1 << 20)).toThrow(/checksum/);
  });

  it('says clearly when the bytes are not a zip', () => {
    expect(() => listZip(Buffer.from('<html>expired</html>'))).toThrow(/not a readable zip.*end-of-central-directory/);
  });
});

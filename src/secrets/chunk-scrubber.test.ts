import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkScrubber, SecretScrubber, scrubFile, scrubTransform } from './index.js';

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n: number): string => [...randomBytes(n)].map((b) => B62[b % 62]).join('');
const GH = `ghp_${rand(36)}`;
const PW = `pässwörd-${rand(12)}`;
const scrubber = new SecretScrubber({ secrets: [{ name: 'MY_SERVICE_PASSWORD', value: PW }] });

/** Feeds `input` through a ChunkScrubber in pieces of `size` bytes. */
function chunked(input: Buffer, size: number): Buffer {
  const c = new ChunkScrubber(scrubber);
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += size) parts.push(c.push(input.subarray(i, i + size)));
  parts.push(c.end());
  return Buffer.concat(parts);
}

describe('ChunkScrubber', () => {
  const text = `start ${GH} mid ${PW} task-runner-configuration-loader Authorization: Bearer ${rand(40)} end ${'x'.repeat(700)} ${GH}\n`;
  const whole = scrubber.scrub(text);

  it('gives the same bytes as scrubbing the whole text, for every chunk size', () => {
    expect(whole).not.toContain(GH);
    expect(whole).toContain('[REDACTED:MY_SERVICE_PASSWORD]');
    for (const size of [1, 2, 3, 5, 7, 13, 31, 64, 100, 257, 4096]) {
      expect(chunked(Buffer.from(text), size).toString('utf8'), `chunk size ${size}`).toBe(whole);
    }
  });

  it('passes bytes that are not UTF-8 through unchanged', () => {
    const binary = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from(` ${GH} `), Buffer.from([0xc3, 0x28, 0xa0])]);
    const out = chunked(binary, 3);
    expect(out.subarray(0, 4)).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    expect(out.subarray(-3)).toEqual(Buffer.from([0xc3, 0x28, 0xa0]));
    expect(out.toString('latin1')).toContain('[REDACTED:github-token]');
    expect(out.toString('latin1')).not.toContain(GH);
  });

  it('holds back a token that is still growing and redacts it whole', () => {
    const key = `sk-ant-${rand(300)}`;
    expect(chunked(Buffer.from(`k=${key}\n`), 10).toString()).toBe('k=[REDACTED:anthropic-key]\n');
  });

  it('works as a Transform in a pipeline', async () => {
    const out: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) });
    await pipeline(Readable.from([Buffer.from(`a ${GH.slice(0, 10)}`), Buffer.from(`${GH.slice(10)} b`)]), scrubTransform(scrubber), sink);
    expect(Buffer.concat(out).toString()).toBe('a [REDACTED:github-token] b');
  });
});

describe('scrubFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-scrub-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rewrites a large file with its secrets redacted, streaming', async () => {
    const file = path.join(dir, 'big.log');
    const line = `${'.'.repeat(1000)} ${PW}\n`;
    fs.writeFileSync(file, line.repeat(3000));
    expect(await scrubFile(file, scrubber)).toBe(3000);
    const after = fs.readFileSync(file, 'utf8');
    expect(after).not.toContain(PW);
    expect(after.split('[REDACTED:MY_SERVICE_PASSWORD]')).toHaveLength(3001);
    expect(fs.readdirSync(dir)).toEqual(['big.log']);
  });

  it('leaves a file without secrets untouched, mtime included', async () => {
    const file = path.join(dir, 'clean.log');
    fs.writeFileSync(file, 'commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3\n');
    const old = new Date(2020, 0, 1);
    fs.utimesSync(file, old, old);
    expect(await scrubFile(file, scrubber)).toBe(0);
    expect(fs.statSync(file).mtimeMs).toBe(old.getTime());
    expect(fs.readdirSync(dir)).not.toContain(`clean.log.${process.pid}.scrub`);
  });

  it('rejects a missing file with its path in the error', async () => {
    await expect(scrubFile(path.join(dir, 'nope.log'), scrubber)).rejects.toThrow(/nope\.log/);
  });
});

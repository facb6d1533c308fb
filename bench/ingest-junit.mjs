// Benchmark: JUnit ingest vs a bare fast-xml-parser parse of the same 100,000-testcase file.
// Run after building: `npx tsc -p tsconfig.build.json && node bench/ingest-junit.mjs`.
// Targets: ours >= 0.7x the bare parser's throughput; peak RSS growth < 10x the file size.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { XMLParser } from 'fast-xml-parser';

const DIST = new URL('../dist/plugins/junit/', import.meta.url);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const REPS = Number(process.env.BENCH_REPS ?? 11);

const { junitXmlOptions } = await import(new URL('parse.js', DIST).href);
const { junitPlugin } = await import(new URL('index.js', DIST).href);

function generate(n) {
  const parts = [`<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="bench"><testsuite name="pytest" tests="${n}" failures="0" errors="0" skipped="0" time="12.5">\n`];
  for (let i = 0; i < n; i++) {
    const cls = `tests.pkg${i % 40}.test_mod${i % 250}.TestThing${i % 7}`;
    const head = `<testcase classname="${cls}" name="test_case_${i}[param-${i % 13}]" file="tests/pkg${i % 40}/test_mod${i % 250}.py" line="${10 + (i % 300)}" time="0.${String(i % 997).padStart(3, '0')}"`;
    const kind = i % 20;
    if (kind < 15) parts.push(`${head} />\n`);
    else if (kind < 19) {
      parts.push(`${head}><failure message="AssertionError: assert ${i % 17} == ${(i % 17) + 1}&#10;  where ${i % 17} = compute(&quot;x&quot;)">self = &lt;tests.test_mod.TestThing object at 0x7f3a${(i % 65536).toString(16).padStart(4, '0')}&gt;

    def test_case(self):
        value = compute("x")
&gt;       assert value == ${(i % 17) + 1}
E       AssertionError: assert ${i % 17} == ${(i % 17) + 1}
E        +  where ${i % 17} = compute("x")

src/app/compute.py:${40 + (i % 9)}: in compute
    return _inner(x) &amp; MASK
tests/pkg${i % 40}/test_mod${i % 250}.py:${10 + (i % 300)}: AssertionError</failure><system-out>log line ${i}
second log line</system-out></testcase>\n`);
    } else parts.push(`${head}><skipped type="pytest.skip" message="needs network">/tmp/pytest-of-ci/test_mod.py:12: needs network</skipped></testcase>\n`);
  }
  parts.push('</testsuite></testsuites>\n');
  return parts.join('');
}

// A full GC before each timed run, so neither side pays for the garbage the other left behind,
// then a pause so that the collector's background threads (sweeping) finish before the clock starts.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
async function collectGarbage() {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function normalizeInput(text, dir) {
  const artifact = { name: 'report-0', path: 'raw/junit/0-junit.xml', exists: true, bytes: text.length, mtimeMs: 0 };
  return { collect: { artifacts: [artifact] }, read: () => text, repoDir: dir, runDir: path.join(dir, 'run'), runStartedAtMs: 0, options: {} };
}

// The plugin's normalize runs parseJunit on the report itself, then builds results and findings.
function ours(text, dir) {
  const out = junitPlugin.normalize(normalizeInput(text, dir));
  if (!out.trustworthy) throw new Error(`report did not parse: ${out.findings[0]?.message}`);
  return out;
}

if (!isMainThread) {
  // Memory probe: runs one full ingest while the main thread samples RSS.
  const text = fs.readFileSync(workerData.file, 'utf8');
  parentPort.postMessage('ready');
  parentPort.once('message', () => {
    const out = junitPlugin.normalize(normalizeInput(text, workerData.dir));
    parentPort.postMessage(`done:${out.tests.length}`);
  });
} else {
  await main();
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-bench-junit-'));
  const file = path.join(dir, 'junit.xml');
  fs.writeFileSync(file, generate(CASES));
  const text = fs.readFileSync(file, 'utf8');
  const mb = Buffer.byteLength(text) / 1e6;
  console.log(`file: ${CASES} testcases, ${mb.toFixed(1)} MB (${file})`);

  sanityCheck(text, dir);

  const bare = [];
  const full = [];
  const timeBare = () => timed(() => new XMLParser(junitXmlOptions).parse(text));
  const timeOurs = () => timed(() => ours(text, dir));
  for (let r = 0; r < REPS; r++) {
    // Interleaved, and in alternating order, so that JIT state and machine load favour neither side.
    await collectGarbage();
    const first = r % 2 ? timeOurs() : timeBare();
    await collectGarbage();
    const second = r % 2 ? timeBare() : timeOurs();
    bare.push(r % 2 ? second : first);
    full.push(r % 2 ? first : second);
  }
  const bareMs = median(bare);
  const fullMs = median(full);
  // Two estimates of one ratio: of the medians, and the median of each adjacent pair's ratio
  // (robust when the machine's load drifts during the run). The target must hold for both.
  const ratioOfMedians = bareMs / fullMs;
  const pairRatios = bare.map((b, i) => b / full[i]);
  const pairedRatio = median(pairRatios);
  const ratio = Math.min(ratioOfMedians, pairedRatio);
  console.log(`bare XMLParser.parse:      median ${bareMs.toFixed(0)} ms  ${(mb / (bareMs / 1000)).toFixed(1)} MB/s  ${(CASES / (bareMs / 1000)).toFixed(0)} cases/s`);
  console.log(`parseJunit + normalize:    median ${fullMs.toFixed(0)} ms  ${(mb / (fullMs / 1000)).toFixed(1)} MB/s  ${(CASES / (fullMs / 1000)).toFixed(0)} cases/s`);
  console.log(`ratio of medians ${ratioOfMedians.toFixed(2)}; paired ratios (${REPS} reps) median ${pairedRatio.toFixed(2)}, range ${Math.min(...pairRatios).toFixed(2)}–${Math.max(...pairRatios).toFixed(2)}`);
  console.log(`${ratio >= 0.7 ? 'PASS' : 'MISS'} throughput ratio ours/bare = ${ratio.toFixed(2)}, the lower of the two (target >= 0.70)`);

  const growth = await peakRssGrowth(file, dir);
  const factor = growth / Buffer.byteLength(text);
  console.log(`peak RSS growth during ingest: ${(growth / 1e6).toFixed(0)} MB = ${factor.toFixed(1)}x file size`);
  console.log(`${factor < 10 ? 'PASS' : 'MISS'} peak memory ${factor.toFixed(1)}x file size (target < 10x)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// In a function of its own so that its output (100,000 results) is not kept alive, in the
// suspended frame of main(), through every timed run that follows.
function sanityCheck(text, dir) {
  const check = ours(text, dir);
  if (check.tests.length !== CASES) throw new Error(`expected ${CASES} tests, got ${check.tests.length}`);
  console.log(`ours: ${check.tests.length} tests, ${check.findings.length} findings, counts ${JSON.stringify(check.counts)}`);
}

function timed(run) {
  const t = performance.now();
  run();
  return performance.now() - t;
}

/** Runs one ingest in a worker and samples process RSS from this thread until it finishes. */
function peakRssGrowth(file, dir) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { file, dir } });
    let base = 0;
    let peak = 0;
    let timer;
    worker.on('message', (msg) => {
      if (msg === 'ready') {
        base = process.memoryUsage().rss;
        peak = base;
        timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 2);
        worker.postMessage('go');
      } else {
        clearInterval(timer);
        peak = Math.max(peak, process.memoryUsage().rss);
        void worker.terminate();
        resolve(peak - base);
      }
    });
    worker.on('error', reject);
  });
}

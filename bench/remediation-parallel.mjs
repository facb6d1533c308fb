// Benchmark: speedup of the remediation loop with 4 agent slots over 1, with latency-bound agents
// (each sleeps S ms, like an LLM call, then writes its fix). Ideal is min(4, N) tasks at once:
// every task is independent, so the plan is one wave of N.
// Run after building: `npm run build && node bench/remediation-parallel.mjs`.
// Target: speedup (t1 / t4) >= 0.9× ideal.
import { fmt, median, timedRun } from './remediation-lib.mjs';

const N = Number(process.env.BENCH_TASKS ?? 16);
const SLEEP_MS = Number(process.env.BENCH_SLEEP_MS ?? 1500);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SLOTS = 4;
const TARGET = 0.9;

// Rounds of the pool: N tasks through k slots take ceil(N / k) agent latencies.
const ideal = Math.ceil(N / 1) / Math.ceil(N / SLOTS);

const reps = [];
for (let r = 0; r < REPS; r++) {
  const one = await timedRun({ n: N, concurrency: 1, sleepMs: SLEEP_MS });
  const four = await timedRun({ n: N, concurrency: SLOTS, sleepMs: SLEEP_MS });
  const rep = { phase: one.phase.wallMs / four.phase.wallMs / ideal, pool: one.poolMs / four.poolMs / ideal };
  reps.push(rep);
  console.log(
    `rep ${r + 1}: remediation phase (attempts + integration + checkpoint) ${fmt(one.phase.wallMs)} with 1 slot, ${fmt(four.phase.wallMs)} with ${SLOTS} ` +
      `→ ${(one.phase.wallMs / four.phase.wallMs).toFixed(2)}× = ${rep.phase.toFixed(3)} of ideal; ` +
      `attempt pool alone ${fmt(one.poolMs)} vs ${fmt(four.poolMs)} → ${(one.poolMs / four.poolMs).toFixed(2)}× = ${rep.pool.toFixed(3)} of ideal`,
  );
}

const score = median(reps.map((r) => r.phase));
console.log(`\nN = ${N} tasks, agent sleep ${SLEEP_MS} ms, ${SLOTS} slots vs 1, ideal ${ideal.toFixed(2)}×, median of ${REPS} reps`);
console.log(`speedup / ideal (remediation phase): ${score.toFixed(3)} (attempt pool alone: ${median(reps.map((r) => r.pool)).toFixed(3)})`);
console.log(`target >= ${TARGET}: ${score >= TARGET ? 'PASS' : 'MISS'}`);

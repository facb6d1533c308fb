// Benchmark: ATQOS's own orchestration cost per remediation task — wall time of `atqos run`
// minus the time some child process (git, the tool, the agent, validation) was running, over N.
// Starting a process (execa's option handling, fork, exec) blocks ATQOS, so it counts as ATQOS's
// time; it is also shown apart, as "spawning".
// Run after building: `npm run build && node bench/remediation-overhead.mjs`.
// Target: <= 50 ms per task (N = 16 tasks, agentConcurrency 1, an agent that answers at once).
import { fmt, median, timedRun } from './remediation-lib.mjs';

const N = Number(process.env.BENCH_TASKS ?? 16);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const TARGET_MS = 50;

// One unmeasured run first: module loading and JIT warm-up are paid once per process, not per task.
await timedRun({ n: N, concurrency: 1, sleepMs: 0 });

const reps = [];
for (let r = 0; r < REPS; r++) {
  const { run, phase } = await timedRun({ n: N, concurrency: 1, sleepMs: 0 });
  const rep = {
    perTask: (run.wallMs - run.childMs) / N,
    spawnPerTask: run.spawnMs / N,
    phasePerTask: (phase.wallMs - phase.childMs) / N,
    cpuPerTask: run.cpuMs / N,
  };
  reps.push(rep);
  console.log(
    `rep ${r + 1}: run wall ${fmt(run.wallMs)}, children running ${fmt(run.childMs)}, ${run.processes} processes (${(run.processes / N).toFixed(1)}/task) ` +
      `→ overhead ${fmt(rep.perTask)}/task, of which spawning ${fmt(rep.spawnPerTask)} and the rest ${fmt(rep.perTask - rep.spawnPerTask)}; ` +
      `remediation phase alone ${fmt(rep.phasePerTask)}/task; ATQOS process CPU ${fmt(rep.cpuPerTask)}/task`,
  );
}

const med = (key) => median(reps.map((r) => r[key]));
const overhead = med('perTask');
console.log(`\nN = ${N} tasks, agentConcurrency 1, agent sleep 0, median of ${REPS} reps`);
console.log(`orchestration overhead per task: ${fmt(overhead)} (spawning processes ${fmt(med('spawnPerTask'))}, everything else ${fmt(overhead - med('spawnPerTask'))})`);
console.log(`  remediation phase alone: ${fmt(med('phasePerTask'))}/task; ATQOS process CPU (user+sys): ${fmt(med('cpuPerTask'))}/task`);
console.log(`target <= ${TARGET_MS} ms: ${overhead <= TARGET_MS ? 'PASS' : 'MISS'}`);

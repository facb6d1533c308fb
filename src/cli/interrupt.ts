import { killAllChildren } from '../runner/index.js';

/**
 * First SIGINT/SIGTERM/SIGHUP aborts the run gracefully (tools are stopped, the run is recorded as
 * interrupted and reported); a second one exits at once.
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    count += 1;
    if (count === 1) {
      process.stderr.write(`atqos: ${sig} received, stopping tools and recording the run (send again to exit now)\n`);
      controller.abort(new Error(`interrupted by ${sig}`));
    } else {
      killAllChildren();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
    },
  };
}

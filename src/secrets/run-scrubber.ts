import { SecretScrubber } from './scrubber.js';

let current: SecretScrubber | undefined;

/**
 * The one scrubber every writer of artifacts, logs and reports uses. Hosts set it at run start;
 * until then it is built from `process.env`, so library use is scrubbed too.
 */
export function runScrubber(): SecretScrubber {
  return (current ??= SecretScrubber.fromEnv(process.env));
}

/** Replaces the process-wide scrubber; `undefined` goes back to the default from `process.env`. */
export function setRunScrubber(scrubber: SecretScrubber | undefined): void {
  current = scrubber;
}

/** `text` scrubbed by the run's scrubber. */
export function scrubText(text: string): string {
  return runScrubber().scrub(text);
}

/** A JSON-like value scrubbed by the run's scrubber (every string, keys included). */
export function scrubValue<T>(value: T): T {
  return runScrubber().scrubDeep(value);
}

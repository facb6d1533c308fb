/** Process exit codes of the `atqos` CLI (documented in the README). */
export const EXIT = {
  /** Diagnosed: every tool ran and nothing was found. */
  green: 0,
  /** Diagnosed: problems were found. */
  red: 1,
  /** Could not diagnose reliably: a tool crashed, wrote no or a stale report, or ran no test. */
  error: 2,
  /** Bad command line or configuration; nothing was run. */
  usage: 3,
  /** ATQOS itself failed; the run directory keeps what was done. */
  internal: 70,
  /** Interrupted (SIGINT/SIGTERM); the run is recorded as interrupted. */
  interrupted: 130,
} as const;

import { z } from 'zod';
import { QUARANTINE_TAG } from './quarantine-tag.js';

/** The default quarantine marker: an xfail that does not fail the run when the test passes. */
export const DEFAULT_QUARANTINE_MARKER = `@pytest.mark.xfail(reason="${QUARANTINE_TAG}: {reason} ({issue})", strict=False)`;

/**
 * The quarantine marker template: the one setting (`agents.builtin.quarantineMarker`) every part
 * of ATQOS reads. `{reason}` and `{issue}` are replaced with text escaped for a Python string
 * literal, so put them inside quotes. It must carry `QUARANTINE_TAG`, by which ATQOS finds its
 * own quarantines again.
 */
export const QuarantineMarker = z
  .string()
  .refine((s) => s.startsWith('@'), 'must be a decorator starting with `@`, e.g. @pytest.mark.xfail(reason="quarantined by ATQOS: {reason}", strict=False)')
  .refine((s) => !/[\r\n]/.test(s), 'must fit on one line')
  .refine((s) => s.includes(QUARANTINE_TAG), `must contain the text \`${QUARANTINE_TAG}\` (how the flaky plugin and the skip audit recognise ATQOS's own quarantines), e.g. @pytest.mark.xfail(reason="${QUARANTINE_TAG}: {reason} ({issue})", strict=False)`);

/** The builtin agent's options (`agents.builtin` in config). */
export const BuiltinOptions = z.object({
  quarantineMarker: QuarantineMarker.default(DEFAULT_QUARANTINE_MARKER),
});
export type BuiltinOptions = z.infer<typeof BuiltinOptions>;

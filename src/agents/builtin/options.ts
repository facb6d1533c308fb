import { z } from 'zod';

/** The default quarantine marker: an xfail that does not fail the run when the test passes. */
export const DEFAULT_QUARANTINE_MARKER = '@pytest.mark.xfail(reason="quarantined by ATQOS: {reason} ({issue})", strict=False)';

/** The builtin agent's options (`agents.builtin` in config, once wired). */
export const BuiltinOptions = z.object({
  /**
   * The decorator line put above a quarantined test. `{reason}` and `{issue}` are replaced with
   * text escaped for a Python string literal, so put them inside quotes.
   */
  quarantineMarker: z
    .string()
    .refine((s) => s.startsWith('@'), 'must be a decorator starting with `@`, e.g. @pytest.mark.xfail(reason="{reason}", strict=False)')
    .refine((s) => !/[\r\n]/.test(s), 'must fit on one line')
    .default(DEFAULT_QUARANTINE_MARKER),
});
export type BuiltinOptions = z.infer<typeof BuiltinOptions>;

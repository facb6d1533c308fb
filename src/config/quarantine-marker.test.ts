// The quarantine marker is configured once (`agents.builtin.quarantineMarker`); the flaky plugin's
// old key is accepted only when it says the same, and every marker must carry ATQOS's tag.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUARANTINE_MARKER } from '../agents/builtin/options.js';
import { thrownBy } from '../core/test-support.js';
import { resolveConfig } from './load-config.js';

const CUSTOM = '@pytest.mark.xfail(reason="quarantined by ATQOS ({issue}): {reason}", strict=False)';

describe('quarantine marker setting', () => {
  it('takes agents.builtin.quarantineMarker, and accepts the deprecated plugins.flaky key when it is the same', () => {
    const config = resolveConfig({ agents: { builtin: { quarantineMarker: CUSTOM } }, plugins: { flaky: { quarantineMarker: CUSTOM } } });
    expect(config.agents.builtin?.quarantineMarker).toBe(CUSTOM);
    expect(() => resolveConfig({ plugins: { flaky: { quarantineMarker: DEFAULT_QUARANTINE_MARKER } } })).not.toThrow();
  });

  it('refuses a plugins.flaky.quarantineMarker that differs, naming both keys and the fix', () => {
    const err = thrownBy(() => resolveConfig({ agents: { builtin: { quarantineMarker: CUSTOM } }, plugins: { flaky: { quarantineMarker: DEFAULT_QUARANTINE_MARKER } } }));
    expect(err.message).toContain('`plugins.flaky.quarantineMarker` is deprecated and differs from `agents.builtin.quarantineMarker`');
    expect(err.message).toContain('remove plugins.flaky.quarantineMarker and set the template under agents.builtin.quarantineMarker');
    // Only the old key set, to something else than the default builtin marker: the same mismatch.
    expect(thrownBy(() => resolveConfig({ plugins: { flaky: { quarantineMarker: CUSTOM } } })).message).toContain('`plugins.flaky.quarantineMarker` is deprecated');
  });

  it('refuses a template without the ATQOS tag, saying what to add', () => {
    const err = thrownBy(() => resolveConfig({ agents: { builtin: { quarantineMarker: '@pytest.mark.xfail(reason="{reason}", strict=False)' } } }));
    expect(err.message).toContain('`agents.builtin.quarantineMarker` must contain the text `quarantined by ATQOS`');
  });
});

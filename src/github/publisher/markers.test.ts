import { describe, expect, it } from 'vitest';
import { DASHBOARD_MARKER, findingIn, findingMarkerFor, hasDashboardMarker, taskIn, withMarker } from './markers.js';

describe('markers', () => {
  it('reads the three marker formats the renderers write', () => {
    expect(findingIn(`text\n${findingMarkerFor('00ff00ff00ff00ff')}\nmore`)).toBe('00ff00ff00ff00ff');
    expect(findingIn('<!-- atqos:finding=XYZ -->')).toBeUndefined();
    expect(findingIn(null)).toBeUndefined();
    expect(taskIn('<!-- atqos:task=atqos/flaky_test/0123456789ab -->')).toBe('atqos/flaky_test/0123456789ab');
    expect(hasDashboardMarker(`# Dashboard\n${DASHBOARD_MARKER}`)).toBe(true);
    expect(hasDashboardMarker('<!-- atqos:dashboards -->')).toBe(false);
  });

  it('appends a missing marker, cutting a full body so the result stays within 65,535 characters', () => {
    const marker = findingMarkerFor('00ff00ff00ff00ff');
    expect(withMarker(`a ${marker}`, marker)).toBe(`a ${marker}`);
    const full = withMarker('x'.repeat(65_535), marker);
    expect(full).toHaveLength(65_535);
    expect(full.endsWith(`\n\n${marker}`)).toBe(true);
  });
});

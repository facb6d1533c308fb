import { describe, expect, it } from 'vitest';
import { agentResultJsonSchema } from './result-schema.js';

describe('agentResultJsonSchema', () => {
  it('describes the result an agent prints', () => {
    const schema = agentResultJsonSchema() as { type: string; required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(schema.type).toBe('object');
    expect(schema.properties.status?.enum).toEqual(['fixed', 'partial', 'gave_up', 'error']);
    expect(schema.required.sort()).toEqual(['status', 'summary']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['filesChanged', 'notes', 'cost']));
  });

  it('hands out a copy, so a caller cannot change the next request', () => {
    const first = agentResultJsonSchema();
    first.title = 'changed';
    expect(agentResultJsonSchema().title).toBe('ATQOS agent result');
  });
});

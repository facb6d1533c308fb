import { z } from 'zod';
import { AtqosConfig } from './schema.js';

/**
 * JSON Schema for `.github/atqos.yml`, for editors. Plugin sections come from the plugins'
 * own option schemas so that the schema and the validation never disagree.
 */
export function configJsonSchema(pluginSchemas: Record<string, z.ZodType>): Record<string, unknown> {
  const schema = z.toJSONSchema(AtqosConfig, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const pluginProps: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(pluginSchemas)) {
    pluginProps[id] = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
  }
  props.plugins = { type: 'object', properties: pluginProps, additionalProperties: false };
  return {
    $id: 'https://atqos.dev/schema/atqos.yml.json',
    title: 'ATQOS configuration (.github/atqos.yml)',
    ...schema,
    properties: props,
  };
}

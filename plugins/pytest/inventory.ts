import { z } from 'zod';

// What atqos_pytest_inventory.py writes. Only the fields ATQOS reads; permissive per record.

const Frame = z.object({ path: z.string(), line: z.number().int() });

/** One pytest phase report (setup/call/teardown) that was not a plain setup/teardown pass. */
export const InventoryReport = z.object({
  nodeId: z.string(),
  when: z.string(),
  outcome: z.string(),
  durationMs: z.number().catch(0),
  wasxfail: z.string().optional(),
  skipReason: z.string().optional(),
  crash: z.object({ path: z.string(), line: z.number().int().nullable().catch(null), message: z.string() }).nullish(),
  longrepr: z.string().optional(),
  excType: z.string().optional(),
  excModule: z.string().optional(),
  frames: z.array(Frame).catch([]).default([]),
  chain: z.array(z.string()).catch([]).default([]),
});
export type InventoryReport = z.infer<typeof InventoryReport>;

export const InventoryItem = z.object({
  nodeId: z.string(),
  file: z.string(),
  line: z.number().int().nullable().catch(null),
  name: z.string().catch(''),
  /** Marker names on the item (own, class and module marks), for risk tiers. */
  markers: z.array(z.string()).catch([]).default([]),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

export const CollectError = z.object({ nodeId: z.string(), file: z.string().catch(''), longrepr: z.string().catch('') });
export type CollectError = z.infer<typeof CollectError>;

/** Keeps the records that parse and drops the rest: one odd record must not hide the others. */
function lenient<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).catch([]).default([]).transform((xs) =>
    xs.flatMap((x) => {
      const r = item.safeParse(x);
      return r.success ? [r.data as z.output<T>] : [];
    }),
  );
}

export const PytestInventory = z.object({
  pytestVersion: z.string().catch('?'),
  rootdir: z.string().nullable().catch(null),
  items: lenient(InventoryItem),
  collectErrors: lenient(CollectError),
  deselected: z.number().int().catch(0),
  reports: lenient(InventoryReport),
  moduleDeps: z.record(z.string(), z.array(z.string())).catch({}),
  exitStatus: z.number().int().nullable().catch(null),
  finished: z.boolean().catch(false),
  pluginErrors: z.array(z.string()).catch([]),
});
export type PytestInventory = z.infer<typeof PytestInventory>;

/** The inventory file's content, or a reason it cannot be used. */
export function parseInventory(text: string | undefined): { ok: true; inventory: PytestInventory } | { ok: false; error: string } {
  if (text === undefined) return { ok: false, error: 'inventory.json was not written' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `inventory.json is not JSON: ${(err as Error).message}` };
  }
  const r = PytestInventory.safeParse(json);
  return r.success ? { ok: true, inventory: r.data } : { ok: false, error: `inventory.json has an unexpected shape: ${r.error.issues[0]?.message}` };
}

import { z } from 'zod';

/** How a test is skipped: a marker, a unittest decorator, or a call inside the test or module. */
export const SkipKind = z.enum([
  'skip', 'skipif', 'xfail',
  'unittest.skip', 'unittest.skipIf', 'unittest.skipUnless', 'unittest.expectedFailure',
  'call.skip', 'call.xfail', 'call.importorskip',
]);
export type SkipKind = z.infer<typeof SkipKind>;

/** One skip the helper found (`atqos_skip_inventory.py`). `target` is empty for the module. */
export const SkipEntry = z.object({
  kind: SkipKind,
  file: z.string(),
  line: z.number().int().nonnegative(),
  target: z.array(z.string()),
  scope: z.enum(['function', 'class', 'module']),
  reason: z.string().nullable(),
  conditions: z.array(z.string().nullable()),
  /** Whether the skip applies whatever the platform (literal condition); null when it depends. */
  staticTruth: z.boolean().nullable(),
  opening: z.boolean().optional(),
  neutralizable: z.boolean().optional(),
});
export type SkipEntry = z.infer<typeof SkipEntry>;

export const InventoryTest = z.object({ file: z.string(), qualname: z.array(z.string()).min(1), line: z.number().int() });
export type InventoryTest = z.infer<typeof InventoryTest>;

/** Whether a project module defines a name an earlier failure said it could not import. */
export const ImportCheck = z.object({
  module: z.string(),
  name: z.string(),
  file: z.string().nullable(),
  defines: z.boolean().nullable(),
  why: z.string(),
});
export type ImportCheck = z.infer<typeof ImportCheck>;

export interface SkipInventory {
  python: string;
  tests: InventoryTest[];
  skips: SkipEntry[];
  errors: { file: string; line: number; message: string }[];
  imports: ImportCheck[];
  /** Records that did not match the schema, with why. */
  dropped: string[];
}

const Raw = z.object({
  version: z.literal(1),
  python: z.string(),
  tests: z.array(z.unknown()),
  skips: z.array(z.unknown()),
  errors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
  imports: z.array(z.unknown()),
});

function each<T>(items: unknown[], schema: z.ZodType<T>, what: string, dropped: string[]): T[] {
  return items.flatMap((item, i) => {
    const r = schema.safeParse(item);
    if (!r.success) dropped.push(`${what} #${i}: ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.success ? [r.data] : [];
  });
}

/** Parses the helper's JSON; a bad record is dropped with a reason, a bad document is an error. */
export function parseSkipInventory(text: string | undefined): { ok: true; inventory: SkipInventory } | { ok: false; error: string } {
  if (text === undefined) return { ok: false, error: 'the skip inventory helper wrote no inventory.json' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `inventory.json is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const raw = Raw.safeParse(json);
  if (!raw.success) return { ok: false, error: `inventory.json has an unexpected shape: ${raw.error.issues[0]?.message ?? 'invalid'}` };
  const dropped: string[] = [];
  return {
    ok: true,
    inventory: {
      python: raw.data.python,
      tests: each(raw.data.tests, InventoryTest, 'test', dropped),
      skips: each(raw.data.skips, SkipEntry, 'skip', dropped),
      errors: raw.data.errors,
      imports: each(raw.data.imports, ImportCheck, 'import check', dropped),
      dropped,
    },
  };
}

/** `file::Class::test`: a test function's node id without parameters. */
export function testId(file: string, qualname: readonly string[]): string {
  return [file, ...qualname].join('::');
}

/** What a skip is on: `file::Class`, `file::test`, or the file itself for a module-level skip. */
export function targetId(s: Pick<SkipEntry, 'file' | 'target'>): string {
  return testId(s.file, s.target);
}

/** The tests a skip covers: the function, every test of the class, or every test of the module. */
export function testsCovered(inv: Pick<SkipInventory, 'tests'>, s: SkipEntry): InventoryTest[] {
  return inv.tests.filter((t) => t.file === s.file && s.target.every((name, i) => t.qualname[i] === name));
}

/** The skips that apply to a test, nearest last (module, class, function). */
export function skipsOf(inv: Pick<SkipInventory, 'skips'>, t: InventoryTest): SkipEntry[] {
  return inv.skips.filter((s) => s.file === t.file && s.target.every((name, i) => t.qualname[i] === name));
}

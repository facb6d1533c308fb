import { z } from 'zod';

// What python/atqos_code_units.py prints: per source, its function units and import-time lines.

const Unit = z.object({ name: z.string(), start: z.number().int(), end: z.number().int() });

export const CodeUnitsOfFile = z.union([
  z.object({ ok: z.literal(true), units: z.array(Unit), moduleLines: z.array(z.tuple([z.number().int(), z.number().int()])) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type CodeUnitsOfFile = z.infer<typeof CodeUnitsOfFile>;

export const CodeUnits = z.record(z.string(), CodeUnitsOfFile);
export type CodeUnits = z.infer<typeof CodeUnits>;

/** What a line of a parsed source is: inside a function unit, import-time code, or neither. */
export type LineKind = { kind: 'unit'; name: string } | { kind: 'module' } | { kind: 'none' };

/** Classifies every line of an inclusive range; ranges past the file's end are `none`. */
export function lineKinds(file: Extract<CodeUnitsOfFile, { ok: true }>, [from, to]: [number, number]): LineKind[] {
  const kinds: LineKind[] = [];
  for (let line = from; line <= to; line++) {
    const unit = file.units.find((u) => u.start <= line && line <= u.end);
    if (unit) kinds.push({ kind: 'unit', name: unit.name });
    else if (file.moduleLines.some(([s, e]) => s <= line && line <= e)) kinds.push({ kind: 'module' });
    else kinds.push({ kind: 'none' });
  }
  return kinds;
}

/** The unit named `name` in a parsed source, if it has one. */
export function unitSpan(file: CodeUnitsOfFile | undefined, name: string): [number, number] | undefined {
  if (!file?.ok) return undefined;
  const u = file.units.find((x) => x.name === name);
  return u ? [u.start, u.end] : undefined;
}

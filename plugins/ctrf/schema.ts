import { z } from 'zod';

/** CTRF's five test statuses. */
export const CtrfStatus = z.enum(['passed', 'failed', 'skipped', 'pending', 'other']);
export type CtrfStatus = z.infer<typeof CtrfStatus>;

// Optional fields a producer got wrong are dropped, not fatal: a test without a valid `line` is
// still a test. Only `name` and `status` make a record.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** One entry of `results.tests`: the fields ATQOS reads. */
export const CtrfTest = z.object({
  name: z.string().min(1),
  status: CtrfStatus,
  duration: optional(z.number().finite().nonnegative()),
  testId: optional(z.string().min(1)),
  rawStatus: optional(z.string()),
  message: optional(z.string()),
  trace: optional(z.string()),
  filePath: optional(z.string().min(1)),
  line: optional(z.number().int().positive()),
  // CTRF 0.0 says a list from the top-level suite down; earlier producers wrote one string.
  suite: optional(z.union([z.string(), z.array(z.string())])),
  flaky: optional(z.boolean()),
  retries: optional(z.number().int().nonnegative()),
  retryAttempts: optional(z.array(z.object({ status: CtrfStatus, message: optional(z.string()) }))),
});
export type CtrfTest = z.infer<typeof CtrfTest>;

const count = optional(z.number().int().nonnegative());

/** `results.summary`: the counts the producer declares. */
export const CtrfSummary = z.object({ tests: count, passed: count, failed: count, skipped: count, pending: count, other: count });
export type CtrfSummary = z.infer<typeof CtrfSummary>;

/** A CTRF document; tests are parsed one by one (a bad record is reported, not fatal). */
export const CtrfReport = z.object({
  reportFormat: z.string().optional(),
  specVersion: optional(z.string()),
  results: z.object({
    tool: optional(z.object({ name: optional(z.string()), version: optional(z.string()) })),
    summary: optional(CtrfSummary),
    tests: z.array(z.unknown()),
  }),
});
export type CtrfReport = z.infer<typeof CtrfReport>;

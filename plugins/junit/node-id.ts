import type { JunitCase } from './parse.js';

/**
 * The generic JUnit test id: `classname.name`, or `suite.name` when there is no classname.
 * jest-junit repeats the name as the classname by default; that reads as `suite.name` too.
 */
export function junitNodeId(c: Pick<JunitCase, 'suite' | 'classname' | 'name'>): string {
  if (c.classname && c.classname !== c.name) return `${c.classname}.${c.name}`;
  return c.suite ? `${c.suite}.${c.name}` : c.name;
}

// Runs inside the web worker extension host, in the web integration tests: the few functions
// of Node's `assert/strict` and `util` that the shared suite files use, for a host that has no
// Node. bundle.ts resolves `node:assert/strict` and `node:util` here. Strict semantics as in
// Node: Object.is for equal, same prototypes and own enumerable keys for deepEqual.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '<undefined>' : v));
  } catch {
    return String(value);
  }
}

function failWith(message: string | Error | undefined, detail: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message === undefined ? detail : `${message}\n${detail}`);
}

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Map || a instanceof Set) return isDeepStrictEqual([...a], [...(b as Map<unknown, unknown> | Set<unknown>)]);
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isDeepStrictEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** printf-style `%s %d %i %f %j %o %O %%`, as mocha's reporters call console.log. */
export function format(...args: unknown[]): string {
  if (typeof args[0] !== 'string') return args.map((a) => (typeof a === 'string' ? a : show(a))).join(' ');
  let rest = args.slice(1);
  const head = args[0].replace(/%[sdifjoO%]/g, (spec) => {
    if (spec === '%%') return '%';
    if (rest.length === 0) return spec;
    const [value] = rest;
    rest = rest.slice(1);
    if (spec === '%s') return String(value);
    if (spec === '%d' || spec === '%i' || spec === '%f') return String(spec === '%i' ? Math.trunc(Number(value)) : Number(value));
    return show(value);
  });
  return [head, ...rest.map((a) => (typeof a === 'string' ? a : show(a)))].join(' ');
}

function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) failWith(message, `expected a truthy value, got ${show(value)}`);
}

const assert = Object.assign(ok, {
  ok,
  AssertionError,
  equal(actual: unknown, expected: unknown, message?: string | Error): void {
    if (!Object.is(actual, expected)) failWith(message, `expected ${show(expected)}\n     got ${show(actual)}`);
  },
  notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
    if (Object.is(actual, expected)) failWith(message, `expected anything but ${show(expected)}`);
  },
  deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
    if (!isDeepStrictEqual(actual, expected)) failWith(message, `expected ${show(expected)}\n     got ${show(actual)}`);
  },
  match(actual: string, pattern: RegExp, message?: string | Error): void {
    if (!pattern.test(actual)) failWith(message, `expected ${show(actual)} to match ${pattern}`);
  },
  fail(message?: string | Error): never {
    return failWith(message, 'failed');
  },
  async rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: RegExp | object, message?: string): Promise<void> {
    try {
      await (typeof promise === 'function' ? promise() : promise);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (expected instanceof RegExp && !expected.test(text)) failWith(message, `rejected with ${show(text)}, which does not match ${expected}`);
      return;
    }
    failWith(message, 'expected the promise to reject');
  },
});

export default assert;
export const { equal, notEqual, deepEqual, match, fail, rejects } = assert;
export { ok };

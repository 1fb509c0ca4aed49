// Per-analysis memory: the services run on every keystroke over documents of thousands of
// lines, so what they look up by line or by name is built once per Analysis, when first
// asked for, and dropped with it.

import type { Analysis } from '../analysis';

export function perAnalysis<T>(build: (analysis: Analysis) => T): (analysis: Analysis) => T {
  const cache = new WeakMap<Analysis, T>();
  return (analysis) => {
    let value = cache.get(analysis);
    if (value === undefined) {
      value = build(analysis);
      cache.set(analysis, value);
    }
    return value;
  };
}

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded at its first use rather than at start: zod and yaml cost some 100 ms
 * of the terminal chat's start-up, and a start from the lessons cache needs neither.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

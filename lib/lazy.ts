/**
 * An object built the first time anything reads it, not when its module loads.
 *
 * Sidenote's zod schemas are module-level constants shared by every context. Building one is
 * cheap, but the page part holds a few hundred, and building them all while the module is
 * evaluated was about two thirds of that task's time on an article (`npm run bench:profile`),
 * before the article had even been read. Wrapped in `lazy`, a schema is built when a message or
 * a setting is first checked against it, and once only; schemas nested in other schemas are
 * built when the outer one first parses.
 *
 * The value returned stands in for the built object everywhere (property reads, `in`,
 * `Object.keys`, `instanceof` through its prototype), so call sites and types do not change.
 */
export function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may not report a property its own (empty) target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}

/** Deep-freezing for the no-mutation properties: any write to a frozen input throws in strict mode. */

/** Objects already deep-frozen: everything under them is frozen, and being frozen, stays so. */
const deeplyFrozen = new WeakSet<object>();

/**
 * Freezes `value` and everything reachable from it (own properties, symbols included,
 * accessors skipped), then returns it. Cycles are handled. An already-frozen object is
 * still walked (it may hold unfrozen children) unless this function froze it whole before.
 *
 * @example
 * const state = deepFreeze(createLedger().state);
 * Object.isFrozen(state.lots); //=> true
 */
export function deepFreeze<T>(value: T): T {
  freezeAll(value, new WeakSet());
  return value;
}

function freezeAll(value: unknown, seen: WeakSet<object>): void {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return;
  if (deeplyFrozen.has(value) || seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && "value" in descriptor) freezeAll(descriptor.value, seen);
  }
  Object.freeze(value);
  deeplyFrozen.add(value);
}

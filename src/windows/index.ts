export { firstFullWindow, roomAcross, timeUntilAvailableAcross, type WindowPair } from "./across";
export type { CapacityStep, SlidingRecord, WindowValue } from "./value";
export {
  capacitySchedule,
  consume,
  consumeInPlace,
  emptyWindow,
  limitAt,
  nextResetAt,
  release,
  releaseInPlace,
  resetsAt,
  roomAt,
  usedAt,
  windowExtent,
} from "./window";

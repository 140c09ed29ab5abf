export { firstFullWindow, roomAcross, timeUntilAvailableAcross, type WindowPair } from "./across";
export type { CapacityStep, SlidingRecord, WindowValue } from "./value";
export {
  capacitySchedule,
  consume,
  emptyWindow,
  limitAt,
  release,
  resetsAt,
  roomAt,
  usedAt,
  windowExtent,
} from "./window";

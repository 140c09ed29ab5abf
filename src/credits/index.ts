export { compareDrawOrder, isLive, type Lot, type LotAmount, withRemaining } from "./lot";
export {
  addLot,
  balanceAt,
  type Draw,
  drawCredits,
  type Expiry,
  expireLots,
  expiringWithin,
  nextExpiry,
  type Reversal,
  reverseDraws,
} from "./operations";

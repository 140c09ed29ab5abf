export { compareDrawOrder, isLive, type Lot, type LotAmount, type LotDraw, withRemaining } from "./lot";
export {
  addLot,
  balanceAt,
  type Draw,
  drawCredits,
  type Expiry,
  expireLots,
  expiringWithin,
  planDraws,
  type Reversal,
  reverseDraws,
} from "./operations";

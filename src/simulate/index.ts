export { displayAmount, displayCredits, displayUsd, groupThousands } from "./display";
export {
  type Forecast,
  type ForecastOptions,
  forecast,
  type UnusedExpiry,
  type UsageShape,
  type WindowForecast,
} from "./forecast";
export {
  type PlanOption,
  type Recommendation,
  type RecommendOptions,
  recommendPlan,
  type WindowFills,
} from "./recommend";
export { dayZoneOf, type SimulatedDay, type WindowPeriod } from "./report";
export {
  type FullWindowPeriod,
  type SimulatedPurchase,
  type SimulatedWindow,
  type SimulateOptions,
  type Simulation,
  simulate,
} from "./simulate";
export type { CreditStrategy } from "./strategy";

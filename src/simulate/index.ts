export { displayAmount, displayCredits, displayUsd, groupThousands } from "./display";
export {
  type UnusedExpiry,
  type Forecast,
  type ForecastOptions,
  forecast,
  type WindowForecast,
} from "./forecast";
export {
  type PlanOption,
  type Recommendation,
  type RecommendOptions,
  recommendPlan,
  type WindowFills,
} from "./recommend";
export type { SimulatedDay, WindowPeriod } from "./report";
export {
  type FullWindowPeriod,
  type SimulatedPurchase,
  type SimulatedWindow,
  type SimulateOptions,
  type Simulation,
  simulate,
} from "./simulate";
export type { CreditStrategy } from "./strategy";

export { renewalsDue, subscriptionAt } from "./idle";
export {
  advance,
  decideSubscription,
  evolveSubscription,
  periodEndOf,
  type Subscription,
  type SubscriptionCommand,
  type SubscriptionFact,
} from "./lifecycle";

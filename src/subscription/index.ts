export {
  advance,
  decideSubscription,
  dueAt,
  evolveSubscription,
  periodEndOf,
  type Subscription,
  type SubscriptionCommand,
  type SubscriptionFact,
} from "./lifecycle";

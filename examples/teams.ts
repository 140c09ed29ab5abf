/** A team: two seats, a shared pool, a member without a seat whose pool use is capped. */
import {
  applyTeamEvents,
  createTeam,
  memberUsage,
  poolBalance,
  quoteTeamUsage,
  type TeamEvent,
} from "token-plan";

const created = createTeam();
if (!created.ok) throw new Error(created.error.message);
const events: TeamEvent[] = [
  { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
  { type: "assign-seat", id: "give-ana", at: "2026-06-01T08:00:00Z", seatId: "seat-1", memberId: "ana" },
  { type: "purchase-pool-credits", id: "pool-25", at: "2026-06-01T08:00:00Z", package: "usd-25" },
  {
    type: "set-member-credits",
    id: "cy-on",
    at: "2026-06-01T08:00:00Z",
    memberId: "cy",
    access: true,
    monthlyCapCredits: 1000,
  },
  // 6M output tokens = 7.2 units: 6.596 from the seat's 5-hour window, 604 credits from the pool.
  {
    type: "usage",
    id: "r1",
    at: "2026-06-04T10:10:00Z",
    memberId: "ana",
    resource: "MiniMax-M3",
    measures: { outputTokens: 6_000_000 },
  },
  // Reassigned mid-block: ben inherits the full window.
  { type: "assign-seat", id: "give-ben", at: "2026-06-04T10:30:00Z", seatId: "seat-1", memberId: "ben" },
  // cy has no seat: 1,200 credits wanted, the cap allows 1,000; 200 become arrears attributed to cy.
  {
    type: "usage",
    id: "r2",
    at: "2026-06-04T10:40:00Z",
    memberId: "cy",
    resource: "MiniMax-M3",
    measures: { outputTokens: 1_000_000 },
  },
];
const applied = applyTeamEvents(created.team, events);
if (!applied.ok) throw new Error(applied.error.message);
const team = applied.team;
const ben = memberUsage(team, "ben", "2026-06-04T10:45:00Z");
console.log("ben's 5-hour window:", ben.ok && ben.value.quota?.buckets[0]?.windows[0]?.used); // 6.596
const cy = memberUsage(team, "cy", "2026-06-04T10:45:00Z");
console.log(
  "cy:",
  cy.ok && [cy.value.pool.drawnCredits, cy.value.pool.capLeftCredits, cy.value.arrearsCredits],
); // 1000, 0, 200
const pool = poolBalance(team, "2026-06-04T10:45:00Z");
console.log("pool left:", pool.ok && pool.value.total); // 25000 − 604 − 1000 = 23396
const quote = quoteTeamUsage(team, {
  memberId: "ben",
  at: "2026-06-04T10:50:00Z",
  resource: "MiniMax-M3",
  measures: { outputTokens: 100_000 },
});
console.log("ben may run:", quote.ok && [quote.value.allowed, quote.value.paidBy]); // true, ["pool"]

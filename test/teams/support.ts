/** Helpers for the team tests: a fresh team, folding events that must all be accepted. */
import {
  applyTeamEvent,
  createTeam,
  type TeamApplied,
  type TeamEntry,
  type TeamEvent,
  type TeamState,
  type TeamUsageReceipt,
} from "../../src";

export function freshTeam(): TeamState {
  const created = createTeam();
  if (!created.ok) throw new Error(created.error.message);
  return created.team;
}

/** Applies events one by one; throws on a refusal (a story's events are all valid). */
export function run(
  team: TeamState,
  events: readonly TeamEvent[],
): { team: TeamState; results: TeamApplied[]; entries: TeamEntry[] } {
  const results: TeamApplied[] = [];
  const entries: TeamEntry[] = [];
  let current = team;
  for (const event of events) {
    const r = applyTeamEvent(current, event);
    if (!r.ok) throw new Error(`${event.id}: ${r.error.code} ${r.error.message}`);
    current = r.team;
    results.push(r);
    entries.push(...r.entries);
  }
  return { team: current, results, entries };
}

export function receipt(r: TeamApplied | undefined): TeamUsageReceipt {
  if (r === undefined || r.outcome.type !== "member-usage") throw new Error("not a usage receipt");
  return r.outcome;
}

/** A usage of MiniMax-M3 output tokens: $1.2 per million, so 1M tokens = 1.2 quota units = 1,200 credits. */
export function m3(id: string, at: string, memberId: string, outputTokens: number): TeamEvent {
  return { type: "usage", id, at, memberId, resource: "MiniMax-M3", measures: { outputTokens } };
}

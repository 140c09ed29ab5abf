/**
 * One window of one payload row, normalised. The traps live here:
 * - the usage count is used or remaining by endpoint (decided in `endpoint.ts`);
 * - the remaining percentage is authoritative, and the only figure when the counts are 0;
 * - status 3 with totals 0 and 100 % remaining is "not in plan", and a weekly status 3
 *   on a limited interval is "no weekly limit";
 * - the boost has several spellings; the percentage is relative to the boosted total;
 * - a window the row does not carry is `unknown` (never `unlimited`);
 * - a row without a status takes it from its room.
 */
import type { FieldPath } from "../errors";
import { instantMaxMs } from "../limits";
import { calc, formatAmount, parseTrustedAmount, type QuotaUnits, type Scaled } from "../money";
import { asEpochMs, formatInstant } from "../time";
import { boostedTotal, type RawCounts } from "./endpoint";
import {
  complement,
  formatPercent,
  hundredPercent,
  type PercentAtoms,
  percentOf,
  readPercent,
  shownPercentRule,
} from "./percent";
import { type RemainsRow, windowFieldNames } from "./schema";
import type {
  RemainsEndpoint,
  RemainsNote,
  RemainsWindow,
  RemainsWindowKind,
  RemainsWindowStatus,
} from "./snapshot";

/** What a window's reading depends on beyond its own fields. */
export interface WindowContext {
  readonly kind: RemainsWindowKind;
  readonly endpoint: RemainsEndpoint | null;
  /** The row's interval status (read first): a weekly status 3 means different things by it. */
  readonly intervalStatus: RemainsWindowStatus | null;
  /** When the payload was received (epoch ms), to turn `remains_time` into an instant; or null. */
  readonly receivedAtMs: number | null;
  /** The row's path in the payload. */
  readonly path: FieldPath;
}

/** A field of a parsed row, null when absent. */
function field<T>(row: RemainsRow, name: string): T | null {
  // Stryker disable next-line ConditionalExpression: equivalent: the row is zod's plain copy, and no payload field name is inherited
  if (!Object.hasOwn(row, name)) return null;
  const value = (row as Record<string, unknown>)[name];
  return value === undefined ? null : (value as T | null);
}

/** The boost of a window from whichever spelling the row uses; 1000 when none. */
function readBoost(row: RemainsRow, kind: RemainsWindowKind, path: FieldPath, notes: RemainsNote[]): number {
  const sent = windowFieldNames[kind].boosts
    .map((name) => ({ name, value: field<number>(row, name) }))
    .filter((b): b is { name: string; value: number } => b.value !== null);
  const first = sent[0];
  if (first === undefined) return 1000;
  const other = sent.find((b) => b.value !== first.value);
  if (other !== undefined) {
    notes.push({
      path: [...path, other.name],
      topic: "boost",
      message: `The row spells its ${kind} boost twice with different values (${first.name} = ${first.value}, ${other.name} = ${other.value}); ${first.name} is used.`,
    });
  }
  return first.value;
}

/** The raw figures of a window, for the endpoint reading. */
export function rawCountsOf(row: RemainsRow, kind: RemainsWindowKind, path: FieldPath): RawCounts {
  const names = windowFieldNames[kind];
  return {
    total: field<QuotaUnits>(row, names.total),
    usage: field<QuotaUnits>(row, names.usage),
    remainingPercent: field<string>(row, names.remainingPercent),
    statusCode: field<number>(row, names.status),
    // Stryker disable next-line ArrayDeclaration: equivalent: the boost notes of this first reading are dropped (normaliseWindow writes them)
    boostPermille: readBoost(row, kind, path, []),
    path: [...path, names.usage],
  };
}

/** An epoch-ms field; 0 reads as absent (no real window starts in 1970). */
function instantField(row: RemainsRow, name: string): number | null {
  const ms = field<number>(row, name);
  // Stryker disable next-line ConditionalExpression: equivalent: `ms === null` → false still returns null as itself (null === 0 is false)
  return ms === null || ms === 0 ? null : ms;
}

const iso = (ms: number | null) => (ms === null ? null : formatInstant(asEpochMs(ms)));

/** normal while some room is left, exhausted when none is; null when nothing says. */
function roomStatus(
  remainingPercent: PercentAtoms | null,
  remaining: Scaled<"quota"> | null,
): "normal" | "exhausted" | null {
  const room = remainingPercent ?? remaining;
  if (room === null) return null;
  return calc.isPositive(room) ? "normal" : "exhausted";
}

/** Status 3: unlimited or not in the plan, by what else the row says. */
function statusThree(
  kind: RemainsWindowKind,
  limit: Scaled<"quota"> | null,
  remainingPercent: PercentAtoms | null,
  intervalStatus: RemainsWindowStatus | null,
): RemainsWindowStatus | string {
  if (limit !== null) return "unlimited"; // a real total the provider does not enforce
  const full = remainingPercent === null || calc.compare(remainingPercent, hundredPercent) === 0;
  if (!full) return "status 3 (unlimited or not in plan) comes with less than 100 % remaining";
  if (kind === "interval") return "notInPlan";
  switch (intervalStatus) {
    case "normal":
    case "exhausted":
    case "unlimited":
      return "unlimited"; // no weekly limit on a limited interval
    case "notInPlan":
      return "notInPlan";
    default:
      return "a weekly status 3 means no weekly limit on a limited interval, or not in plan, and the interval does not tell which";
  }
}

const statusNames: Readonly<Record<number, RemainsWindowStatus>> = { 1: "normal", 2: "exhausted" };

/** The window a row does not carry: everything unknown. */
function unknownWindow(kind: RemainsWindowKind, boostPermille: number): RemainsWindow {
  return {
    kind,
    status: "unknown",
    statusCode: null,
    limit: null,
    baseLimit: null,
    used: null,
    remaining: null,
    usedPercent: null,
    percentSource: null,
    boostPermille,
    windowStart: null,
    windowEnd: null,
    resetsAt: null,
    remainsMs: null,
  };
}

/** The counts of a window, read by the endpoint. Totals 0 say nothing: the percentage rules then. */
function readCounts(
  total: QuotaUnits | null,
  usage: QuotaUnits | null,
  limit: Scaled<"quota"> | null,
  endpoint: RemainsEndpoint | null,
  usagePath: FieldPath,
  notes: RemainsNote[],
): { readonly used: Scaled<"quota"> | null; readonly remaining: Scaled<"quota"> | null } {
  if (limit !== null && usage !== null) {
    const count = parseTrustedAmount<"quota">(usage);
    if (endpoint !== "legacy") return { used: count, remaining: calc.subtractFloor(limit, count) };
    if (calc.compare(count, limit) > 0) {
      notes.push({
        path: usagePath,
        topic: "counts",
        message: `The remaining count ${usage} exceeds the total in force ${formatAmount(limit)}; read as all remaining.`,
      });
    }
    const remaining = calc.min(count, limit);
    return { used: calc.subtract(limit, remaining), remaining };
  }
  if (limit !== null) {
    notes.push({
      path: usagePath,
      topic: "counts",
      message: `The row sends a total (${total}) but no usage count: what is used is known only from the percentage.`,
    });
  } else if (usage !== null && calc.isPositive(parseTrustedAmount<"quota">(usage))) {
    notes.push({
      path: usagePath,
      topic: "counts",
      message: `A usage count (${usage}) without a total is meaningless; it is ignored.`,
    });
  }
  return { used: null, remaining: null };
}

/** The status: as sent where its meaning is known, else from the room left. */
function readStatus(
  context: WindowContext,
  statusCode: number | null,
  limit: Scaled<"quota"> | null,
  remainingPercent: PercentAtoms | null,
  remaining: Scaled<"quota"> | null,
  statusPath: FieldPath,
  notes: RemainsNote[],
): RemainsWindowStatus {
  const room = roomStatus(remainingPercent, remaining);
  // Stryker disable next-line ConditionalExpression: equivalent: statusNames has no "null" key
  const known = statusCode === null ? undefined : statusNames[statusCode];
  if (known !== undefined) {
    if (room !== null && room !== known) {
      notes.push({
        path: statusPath,
        topic: "status",
        message: `Status ${statusCode} says ${known}, but the figures say ${room}; the provider's status is kept.`,
      });
    }
    return known;
  }
  if (statusCode === 3) {
    const three = statusThree(context.kind, limit, remainingPercent, context.intervalStatus);
    if (three === "unlimited" || three === "notInPlan") return three;
    notes.push({ path: statusPath, topic: "status", message: `Status unknown: ${three}.` });
    return "unknown";
  }
  const why =
    statusCode === null ? "The row has no status" : `Status ${statusCode} is not one this version knows`;
  notes.push({
    path: statusPath,
    topic: "status",
    message:
      room === null
        ? `${why}, and nothing says how much is left: status unknown.`
        : `${why}: the status is taken from the room left (${room}).`,
  });
  return room ?? "unknown";
}

/** The time the payload arrived plus `remains_time`, while that is an instant; else null. */
function countedEnd(receivedAtMs: number | null, remainsMs: number | null): number | null {
  if (receivedAtMs === null || remainsMs === null) return null;
  const end = receivedAtMs + remainsMs;
  return end <= instantMaxMs ? end : null;
}

/** The window's end: as sent, else the time the payload arrived plus `remains_time`. */
function readEnd(
  context: WindowContext,
  start: number | null,
  sentEnd: number | null,
  remainsMs: number | null,
  limited: boolean,
  names: { readonly end: string; readonly remainsMs: string },
  notes: RemainsNote[],
): number | null {
  const end = sentEnd ?? countedEnd(context.receivedAtMs, remainsMs);
  if (limited && sentEnd === null && remainsMs !== null && context.receivedAtMs === null) {
    notes.push({
      path: [...context.path, names.remainsMs],
      topic: "time",
      message: `The row gives only ${names.remainsMs} (ms to the end, counted when the provider answered): pass { receivedAt } to know the reset instant.`,
    });
  }
  // Stryker disable next-line ConditionalExpression: equivalent: `start !== null` → true compares null (0) with an end after 1970
  if (start !== null && end !== null && start >= end) {
    notes.push({
      path: [...context.path, names.end],
      topic: "time",
      message: `The window ends (${iso(end)}) no later than it starts (${iso(start)}).`,
    });
  }
  return end;
}

/** Reads one window of a row. */
export function normaliseWindow(
  row: RemainsRow,
  context: WindowContext,
): { readonly window: RemainsWindow; readonly notes: readonly RemainsNote[] } {
  const { kind, path } = context;
  const names = windowFieldNames[kind];
  const notes: RemainsNote[] = [];
  const boostPermille = readBoost(row, kind, path, notes);
  const statusCode = field<number>(row, names.status);
  const total = field<QuotaUnits>(row, names.total);
  const usage = field<QuotaUnits>(row, names.usage);
  const sentPercent = field<string>(row, names.remainingPercent);
  const start = instantField(row, names.start);
  const sentEnd = instantField(row, names.end);
  const remainsMs = field<number>(row, names.remainsMs);
  if ([statusCode, total, usage, sentPercent, start, sentEnd, remainsMs].every((v) => v === null)) {
    return { window: unknownWindow(kind, boostPermille), notes };
  }

  const counts = { total, usage, remainingPercent: sentPercent, statusCode, boostPermille, path };
  const limit = boostedTotal(counts);
  const { used, remaining } = readCounts(
    total,
    usage,
    limit,
    context.endpoint,
    [...path, names.usage],
    notes,
  );
  const remainingPercent = sentPercent === null ? null : readPercent(sentPercent);
  const status = readStatus(
    context,
    statusCode,
    limit,
    remainingPercent,
    remaining,
    [...path, names.status],
    notes,
  );
  const limited = status !== "unlimited" && status !== "notInPlan";
  const end = readEnd(context, start, sentEnd, remainsMs, limited, names, notes);

  // The used share: the provider's percentage where it sends one (authoritative), else the counts', else the status's.
  let usedPercent: PercentAtoms | null = null;
  let percentSource: RemainsWindow["percentSource"] = null;
  if (remainingPercent !== null) {
    usedPercent = complement(remainingPercent);
    percentSource = "provider";
  } else if (used !== null && limit !== null) {
    usedPercent = percentOf(used, limit, shownPercentRule);
    percentSource = "counts";
  } else if (status === "exhausted") {
    usedPercent = hundredPercent;
    percentSource = "status";
  }

  // Unlimited and not-in-plan windows carry no limit: their figures mean nothing.
  const show = (amount: Scaled<"quota"> | null) => (limited && amount !== null ? formatAmount(amount) : null);
  return {
    window: {
      kind,
      status,
      statusCode,
      limit: show(limit),
      baseLimit: limited && limit !== null ? total : null,
      used: show(used),
      remaining: show(remaining),
      usedPercent: limited && usedPercent !== null ? formatPercent(usedPercent) : null,
      percentSource: limited ? percentSource : null,
      boostPermille,
      windowStart: iso(start),
      windowEnd: iso(end),
      resetsAt: iso(end),
      remainsMs,
    },
    notes,
  };
}

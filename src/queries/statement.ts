/**
 * A statement for a period, summed exactly from the audit entries: what a finance job
 * sends. It reads only entries (from `applyEvent`, `applyEvents` with `collectEntries`,
 * `settle`, or stored ones), never a state, so a month is one pass over that month's rows.
 */
import { type LedgerError, ledgerError } from "../errors";
import { type LedgerEntry, type LedgerEntryType, ledgerEntryTypes } from "../ledger";
import {
  type AmountKind,
  type Credits,
  calc,
  formatAmount,
  parseAmount,
  type QuotaUnits,
  type Scaled,
  type Usd,
} from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant, type InstantInput, parseInstant } from "../time";

/**
 * The period of a {@link statement}: from `from` (inclusive) to `to` (exclusive), so that
 * consecutive periods (June, July) share their boundary and count every entry once.
 *
 * @example
 * const june: StatementOptions = { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" };
 */
export interface StatementOptions {
  /** The first instant of the period (inclusive). */
  readonly from: InstantInput;
  /** The instant the period ends (exclusive): an entry at `to` belongs to the next period. */
  readonly to: InstantInput;
}

/**
 * One subscription charge: a start, a renewal or an upgrade.
 *
 * @example
 * const charge: SubscriptionCharge = statementValue.subscription.charges[0];
 * charge.reason; //=> "start"
 */
export interface SubscriptionCharge {
  /** The event that caused it, or null for a renewal (time passing). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
  readonly reason: "start" | "renewal" | "upgrade";
  readonly usd: Usd;
  /** The end of the period the charge pays for (exclusive). */
  readonly periodEnd: Instant;
}

/**
 * The period's subscription charges, in the order of the entries, and their sum.
 *
 * @example
 * statementValue.subscription.chargedUsd; //=> "50"
 */
export interface StatementSubscription {
  readonly charges: readonly SubscriptionCharge[];
  /** Σ charges. */
  readonly chargedUsd: Usd;
}

/**
 * Credits one resource's usages drew from lots in the period.
 *
 * @example
 * const line: ResourceCredits = { resource: "MiniMax-M3", credits: "1234.5" as Credits };
 */
export interface ResourceCredits {
  readonly resource: string;
  readonly credits: Credits;
}

/**
 * The period's credit movements. `change` = bought + granted + refunded − used + returned
 * − expired: the change of the credit balance over the period.
 *
 * @example
 * statementValue.credits.change; //=> "5000"
 */
export interface StatementCredits {
  /** Credits of the lots purchased in the period. */
  readonly bought: Credits;
  /** What those purchases cost. */
  readonly boughtUsd: Usd;
  /** Credits of the lots granted (promotions) in the period. */
  readonly granted: Credits;
  /**
   * Credits given back as a refund lot by voids of usages whose arrears had been paid
   * (such a lot is a grant in the entries; it is counted here, not in `granted`).
   */
  readonly refunded: Credits;
  /** Credits drawn from lots: by usages (`usedByResource`) and to pay arrears (`usedForArrears`). */
  readonly used: Credits;
  /** What usages drew, per resource, in the order resources first appear. */
  readonly usedByResource: readonly ResourceCredits[];
  /** What `pay-arrears` events drew. */
  readonly usedForArrears: Credits;
  /** Credits that voids gave back to their lots. */
  readonly returned: Credits;
  /** Credits that expired unused (lots reaching their expiry, and returns to an expired lot). */
  readonly expired: Credits;
  /** bought + granted + refunded − used + returned − expired (negative when the balance fell). */
  readonly change: Credits;
}

/**
 * Quota one window counted in the period: `used` = consumed − returned (a void in the
 * period returns what its usage took, even when the usage was earlier).
 *
 * @example
 * const use: WindowUse = statementValue.quota[0];
 * use.window; //=> "5h"
 */
export interface WindowUse {
  readonly bucket: string;
  readonly window: string;
  readonly consumed: QuotaUnits;
  readonly returned: QuotaUnits;
  readonly used: QuotaUnits;
}

/**
 * The period's arrears: opened by uncovered usage, closed by voids and payments.
 * `change` = opened − voided − paid.
 *
 * @example
 * statementValue.arrears.opened; //=> "0"
 */
export interface StatementArrears {
  /** Usage neither quota nor credits covered. */
  readonly opened: Credits;
  /** Arrears that voids of uncovered usages cancelled. */
  readonly voided: Credits;
  /** Arrears paid from credits (`pay-arrears`). */
  readonly paid: Credits;
  /** opened − voided − paid (negative when more was settled than opened). */
  readonly change: Credits;
}

/**
 * A statement of one period, exact: subscription charges; credits bought, granted, used
 * (by resource), returned and expired; the quota each window counted; arrears opened,
 * voided and paid.
 *
 * @example
 * statementValue.credits.usedByResource; //=> [{ resource: "MiniMax-M3", credits: "1234.5" }]
 */
export interface Statement {
  readonly from: Instant;
  readonly to: Instant;
  /** How many of the entries fell in the period. */
  readonly entries: number;
  readonly subscription: StatementSubscription;
  readonly credits: StatementCredits;
  /** Per window, in the order windows first appear. */
  readonly quota: readonly WindowUse[];
  readonly arrears: StatementArrears;
}

/**
 * The entry types a statement reads; every other type is checked and passed over. With
 * `applyEvents`, collect at least these for the period's events (and `settle`'s).
 *
 * @example
 * statementEntryTypes.includes("credits.expired"); //=> true
 */
export const statementEntryTypes = [
  "subscription.charged",
  "credits.purchased",
  "credits.debited",
  "credits.returned",
  "credits.expired",
  "quota.consumed",
  "quota.returned",
  "usage.recorded",
  "usage.uncovered",
  "usage.voided",
  "arrears.paid",
] as const satisfies readonly LedgerEntryType[];

/** Every entry type, read or passed over. */
const knownEntryTypes: ReadonlySet<string> = new Set(ledgerEntryTypes);

type Path = readonly (string | number)[];

/** Sums in atoms while reading; formatted once at the end. */
class Totals {
  charges: SubscriptionCharge[] = [];
  chargedUsd = calc.zero<"usd">();
  bought = calc.zero<"credits">();
  boughtUsd = calc.zero<"usd">();
  granted = calc.zero<"credits">();
  refunded = calc.zero<"credits">();
  used = calc.zero<"credits">();
  usedByResource = new Map<string, Scaled<"credits">>();
  usedForArrears = calc.zero<"credits">();
  returned = calc.zero<"credits">();
  expired = calc.zero<"credits">();
  windows = new Map<
    string,
    { bucket: string; window: string; consumed: Scaled<"quota">; returned: Scaled<"quota"> }
  >();
  opened = calc.zero<"credits">();
  voided = calc.zero<"credits">();
  paid = calc.zero<"credits">();
}

/**
 * Reads an entry's fields, keeping the first refusal: a malformed field is recorded and
 * read as a harmless default, and the statement checks `error` after each entry.
 */
class EntryReader {
  error: LedgerError | null = null;

  fail(error: LedgerError): void {
    this.error ??= error;
  }

  field(entry: Record<string, unknown>, name: string, path: Path): unknown {
    if (Object.hasOwn(entry, name)) return entry[name];
    this.fail(ledgerError("invalid_input", `The entry has no "${name}".`, [...path, name]));
    return undefined;
  }

  amount<K extends AmountKind>(kind: K, value: unknown, path: Path): Scaled<K> {
    const parsed = parseAmount(kind, value, { path });
    if (parsed.ok) return parsed.value;
    this.fail(parsed.error);
    return calc.zero<K>();
  }

  text(value: unknown, path: Path): string {
    if (typeof value === "string") return value;
    this.fail(ledgerError("invalid_input", "Expected a string.", path));
    // Stryker disable next-line StringLiteral: equivalent: read after a refusal only, and the statement then returns the refusal
    return "";
  }

  instant(value: unknown, path: Path): number {
    const parsed = parseInstant(value, path);
    if (parsed.ok) return parsed.value;
    this.fail(parsed.error);
    return 0;
  }
}

function windowOf(totals: Totals, bucket: string, window: string) {
  const key = `${bucket}/${window}`;
  let use = totals.windows.get(key);
  if (use === undefined) {
    use = { bucket, window, consumed: calc.zero(), returned: calc.zero() };
    totals.windows.set(key, use);
  }
  return use;
}

/** Adds one in-period entry to the totals (`type` already known). */
function add(
  totals: Totals,
  read: EntryReader,
  entry: Record<string, unknown>,
  type: LedgerEntryType,
  path: Path,
): void {
  const get = (name: string) => read.field(entry, name, path);
  const at = (name: string) => [...path, name];
  switch (type) {
    case "subscription.charged": {
      const usd = read.amount("usd", get("usd"), at("usd"));
      const reason = read.text(get("reason"), at("reason"));
      if (reason !== "start" && reason !== "renewal" && reason !== "upgrade") {
        read.fail(ledgerError("invalid_input", 'Expected "start", "renewal" or "upgrade".', at("reason")));
        return;
      }
      const eventId = get("eventId");
      totals.charges.push({
        eventId: eventId === null ? null : read.text(eventId, at("eventId")),
        at: formatInstant(asEpochMs(read.instant(get("at"), at("at")))),
        tier: read.text(get("tier"), at("tier")),
        reason,
        usd: formatAmount(usd),
        periodEnd: formatInstant(asEpochMs(read.instant(get("periodEnd"), at("periodEnd")))),
      });
      totals.chargedUsd = calc.add(totals.chargedUsd, usd);
      return;
    }
    case "credits.purchased": {
      const lot = get("lot");
      if (typeof lot !== "object" || lot === null) {
        read.fail(ledgerError("invalid_input", "Expected the purchased lot.", at("lot")));
        return;
      }
      const lotPath = at("lot");
      const lotRecord = lot as Record<string, unknown>;
      const credits = read.amount("credits", read.field(lotRecord, "credits", lotPath), [
        ...lotPath,
        "credits",
      ]);
      const kind = read.field(lotRecord, "kind", lotPath);
      if (kind === "grant") {
        totals.granted = calc.add(totals.granted, credits);
      } else if (kind === "purchase") {
        totals.bought = calc.add(totals.bought, credits);
        const price = read.amount("usd", read.field(lotRecord, "priceUsd", lotPath), [
          ...lotPath,
          "priceUsd",
        ]);
        totals.boughtUsd = calc.add(totals.boughtUsd, price);
      } else {
        read.fail(ledgerError("invalid_input", 'Expected "purchase" or "grant".', [...lotPath, "kind"]));
      }
      return;
    }
    case "credits.debited":
      totals.used = calc.add(totals.used, read.amount("credits", get("credits"), at("credits")));
      return;
    case "credits.returned":
      totals.returned = calc.add(totals.returned, read.amount("credits", get("credits"), at("credits")));
      return;
    case "credits.expired":
      totals.expired = calc.add(totals.expired, read.amount("credits", get("credits"), at("credits")));
      return;
    case "quota.consumed":
    case "quota.returned": {
      const use = windowOf(
        totals,
        read.text(get("bucket"), at("bucket")),
        read.text(get("window"), at("window")),
      );
      // Stryker disable next-line StringLiteral: equivalent: every amount kind has the same scale, and any kind but "usd" and "credits" is labelled quota-unit
      const units = read.amount("quota", get("units"), at("units"));
      if (type === "quota.consumed") use.consumed = calc.add(use.consumed, units);
      else use.returned = calc.add(use.returned, units);
      return;
    }
    case "usage.recorded": {
      const debited = read.amount("credits", get("creditsDebited"), at("creditsDebited"));
      const resource = read.text(get("resource"), at("resource"));
      const before = totals.usedByResource.get(resource);
      if (before !== undefined) totals.usedByResource.set(resource, calc.add(before, debited));
      else if (calc.isPositive(debited)) totals.usedByResource.set(resource, debited);
      return;
    }
    case "usage.uncovered":
      totals.opened = calc.add(totals.opened, read.amount("credits", get("credits"), at("credits")));
      return;
    case "usage.voided":
      totals.voided = calc.add(
        totals.voided,
        read.amount("credits", get("uncoveredCredits"), at("uncoveredCredits")),
      );
      // Entries written before refunds existed have no refundedCredits: nothing was refunded.
      if (Object.hasOwn(entry, "refundedCredits")) {
        const refunded = read.amount("credits", entry.refundedCredits, at("refundedCredits"));
        totals.refunded = calc.add(totals.refunded, refunded);
      }
      return;
    case "arrears.paid": {
      const paid = read.amount("credits", get("credits"), at("credits"));
      totals.paid = calc.add(totals.paid, paid);
      totals.usedForArrears = calc.add(totals.usedForArrears, paid);
      return;
    }
    // Stryker disable next-line ConditionalExpression: equivalent: the default case only returns, as falling out of the switch does
    default:
      return; // subscription changes without money
  }
}

function format(totals: Totals, from: number, to: number, count: number): Statement {
  // A refund lot is a grant in the entries; the statement shows it apart.
  const granted = calc.subtract(totals.granted, totals.refunded);
  const credits = {
    bought: formatAmount(totals.bought),
    boughtUsd: formatAmount(totals.boughtUsd),
    granted: formatAmount(granted),
    refunded: formatAmount(totals.refunded),
    used: formatAmount(totals.used),
    usedByResource: [...totals.usedByResource].map(([resource, c]) => ({
      resource,
      credits: formatAmount(c),
    })),
    usedForArrears: formatAmount(totals.usedForArrears),
    returned: formatAmount(totals.returned),
    expired: formatAmount(totals.expired),
    change: formatAmount(
      calc.subtract(
        calc.add(calc.add(totals.bought, totals.granted), totals.returned), // granted includes refunds
        calc.add(totals.used, totals.expired),
      ),
    ),
  };
  return {
    from: formatInstant(asEpochMs(from)),
    to: formatInstant(asEpochMs(to)),
    entries: count,
    subscription: { charges: totals.charges, chargedUsd: formatAmount(totals.chargedUsd) },
    credits,
    quota: [...totals.windows.values()].map((w) => ({
      bucket: w.bucket,
      window: w.window,
      consumed: formatAmount(w.consumed),
      returned: formatAmount(w.returned),
      used: formatAmount(calc.subtract(w.consumed, w.returned)),
    })),
    arrears: {
      opened: formatAmount(totals.opened),
      voided: formatAmount(totals.voided),
      paid: formatAmount(totals.paid),
      change: formatAmount(calc.subtract(totals.opened, calc.add(totals.voided, totals.paid))),
    },
  };
}

/**
 * The statement of the period [`from`, `to`) from audit entries, exact: an entry counts
 * when its `at` is in the period (entries may come in any order, from several calls or
 * from storage). Malformed entries are refused with `invalid_input` (or the amount's or
 * instant's own code) and the path `[index, field]`; `from` after `to` is `invalid_input`.
 *
 * @example
 * const r = statement(entries, { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" });
 * r.ok && r.value.subscription.chargedUsd; //=> "50"
 */
export function statement(
  entries: readonly LedgerEntry[],
  options: StatementOptions,
): Result<Statement, LedgerError> {
  if (typeof options !== "object" || options === null) {
    return err(ledgerError("invalid_input", "Expected options such as { from, to }.", []));
  }
  const from = parseInstant(options.from, ["from"]);
  if (!from.ok) return from;
  const to = parseInstant(options.to, ["to"]);
  if (!to.ok) return to;
  if (from.value > to.value) {
    return err(
      ledgerError("invalid_input", "The period ends before it starts: `to` is before `from`.", ["to"]),
    );
  }
  if (!Array.isArray(entries)) {
    return err(ledgerError("invalid_input", "Expected a list of ledger entries.", ["entries"]));
  }
  const totals = new Totals();
  const read = new EntryReader();
  let count = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (typeof entry !== "object" || entry === null) {
      return err(ledgerError("invalid_input", "Expected a ledger entry object.", [i]));
    }
    const record = entry as Record<string, unknown>;
    const type = read.field(record, "type", [i]);
    // Stryker disable next-line ConditionalExpression: equivalent: fail keeps the first refusal, and the set holds strings only
    if (read.error === null && (typeof type !== "string" || !knownEntryTypes.has(type))) {
      read.fail(ledgerError("invalid_input", `Unknown entry type ${JSON.stringify(type)}.`, [i, "type"]));
    }
    const at = read.instant(read.field(record, "at", [i]), [i, "at"]);
    if (read.error !== null) return err(read.error);
    if (at < from.value || at >= to.value) continue;
    count++;
    add(totals, read, record, type as LedgerEntryType, [i]);
    if (read.error !== null) return err(read.error);
  }
  return ok(format(totals, from.value, to.value, count));
}

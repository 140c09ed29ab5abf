/**
 * Projections of the library's public outputs onto the model's shapes, so the two can
 * be compared as JSON. Only public types are used.
 */
import type { CreditBalance, LedgerEntry, LedgerOutcome, QuotaStatus } from "../../src";
import type { ModelBalance, ModelEntry, ModelOutcome, ModelQuota, ModelWindowView } from "./model";
import type { BucketId } from "./rules";

function flat(e: LedgerEntry, subject: string, amount: string, detail = ""): ModelEntry {
  return { type: e.type, eventId: e.eventId, at: e.at, subject, amount, detail };
}

/** One library entry in the model's flattened form. */
export function projectEntry(e: LedgerEntry): ModelEntry {
  switch (e.type) {
    case "subscription.started":
      return flat(e, e.tier, "", e.periodEnd);
    case "subscription.charged":
      return flat(e, e.tier, e.usd, e.reason);
    case "subscription.renewed":
      return flat(e, e.tier, "", e.periodEnd);
    case "subscription.tier-changed":
      return flat(e, `${e.from}->${e.to}`, "");
    case "subscription.change-scheduled":
      return flat(e, `${e.from}->${e.to}`, "", e.effectiveAt);
    case "subscription.cancelled":
      return flat(e, "", "", e.accessUntil);
    case "subscription.lapsed":
      return flat(e, e.tier, "");
    case "subscription.resumed":
      return flat(e, e.tier, "");
    case "subscription.change-withdrawn":
      return flat(e, `${e.tier}-x->${e.withdrawn}`, "");
    case "credits.purchased":
      return flat(e, e.lot.id, e.lot.credits, `${e.lot.kind} ${e.lot.priceUsd} ${e.lot.expiresAt}`);
    case "credits.debited":
    case "credits.returned":
    case "credits.expired":
      return flat(e, e.lotId, e.credits);
    case "quota.consumed":
      return flat(e, `${e.bucket}/${e.window}`, e.units);
    case "quota.returned":
      return flat(e, `${e.bucket}/${e.window}`, e.units, e.usageAt);
    case "usage.recorded":
      return flat(
        e,
        e.resource,
        e.valueCredits,
        [e.bucket, e.valueUsd, e.quotaUnits, e.quotaCredits, e.creditsDebited, e.uncoveredCredits].join(" "),
      );
    case "usage.uncovered":
      return flat(e, "", e.credits);
    case "usage.voided":
      return flat(e, e.usageId, e.uncoveredCredits, e.refundedCredits);
    case "arrears.paid":
      return flat(e, "", e.credits);
  }
}

/** The library's outcome reduced to the fields the model predicts. */
export function projectOutcome(o: LedgerOutcome): ModelOutcome {
  switch (o.type) {
    case "usage":
      return {
        type: "usage",
        eventId: o.eventId,
        at: o.at,
        resource: o.resource,
        bucket: o.bucket ?? "null",
        valueUsd: o.valueUsd,
        valueCredits: o.valueCredits,
        quota: {
          required: o.quota.required,
          units: o.quota.units,
          credits: o.quota.credits,
          windows: [...o.quota.windows],
        },
        credits: {
          debited: o.credits.debited,
          lots: o.credits.lots.map((l) => ({ lotId: l.lotId, credits: l.credits })),
        },
        uncoveredCredits: o.uncoveredCredits,
        paidBy: [...o.paidBy],
      };
    case "void":
      return {
        type: "void",
        eventId: o.eventId,
        usageId: o.usageId,
        quotaReturned: o.quotaReturned.map((q) => ({ bucket: q.bucket, window: q.window, units: q.units })),
        creditsReturned: o.creditsReturned.map((l) => ({ lotId: l.lotId, credits: l.credits })),
        creditsExpired: o.creditsExpired.map((l) => ({ lotId: l.lotId, credits: l.credits })),
        uncoveredCredits: o.uncoveredCredits,
        refund:
          o.refund === null
            ? null
            : {
                id: o.refund.id,
                kind: o.refund.kind,
                purchasedAt: o.refund.purchasedAt,
                expiresAt: o.refund.expiresAt,
                credits: o.refund.credits,
                remaining: o.refund.remaining,
                priceUsd: o.refund.priceUsd,
              },
      };
    case "credits":
      return {
        type: "credits",
        eventId: o.eventId,
        lot: {
          id: o.lot.id,
          kind: o.lot.kind,
          purchasedAt: o.lot.purchasedAt,
          expiresAt: o.lot.expiresAt,
          credits: o.lot.credits,
          remaining: o.lot.remaining,
          priceUsd: o.lot.priceUsd,
        },
      };
    case "subscription": {
      const s = o.subscription;
      return {
        type: "subscription",
        eventId: o.eventId,
        subscription:
          s === null
            ? null
            : {
                tier: s.tier,
                status: s.status,
                anchorAt: s.anchorAt,
                period: s.period,
                periodStart: s.periodStart,
                periodEnd: s.periodEnd,
                pendingTier: s.pendingTier,
              },
        chargedUsd: o.chargedUsd,
      };
    }
    case "arrears":
      return {
        type: "arrears",
        eventId: o.eventId,
        paid: o.paid,
        lots: o.lots.map((l) => ({ lotId: l.lotId, credits: l.credits })),
        remaining: o.remaining,
      };
    case "duplicate":
      return { type: "duplicate", eventId: o.eventId };
  }
}

export function projectBalance(b: CreditBalance): ModelBalance {
  return {
    total: b.total,
    lots: b.lots.map((l) => ({
      id: l.id,
      kind: l.kind,
      purchasedAt: l.purchasedAt,
      expiresAt: l.expiresAt,
      credits: l.credits,
      remaining: l.remaining,
    })),
    arrears: b.arrears,
  };
}

export function projectQuota(q: QuotaStatus): ModelQuota {
  const windows: ModelWindowView[] = [];
  for (const b of q.buckets) {
    for (const w of b.windows) {
      windows.push({
        bucket: b.bucket as BucketId,
        window: w.window as ModelWindowView["window"],
        used: w.used,
        limit: w.limit,
      });
    }
  }
  return { tier: q.tier, windows };
}

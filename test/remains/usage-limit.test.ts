/**
 * parseUsageLimitError: the provider's 2056 refusal read into the library's own notice
 * shape (quoteUsage's `limit`), so a gateway can treat the provider's "no" and its own alike.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  parseUsageLimitError,
  type QuotaLimitNotice,
  quoteUsage,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../../src";
import { emptyLedger, must } from "./support";

const fiveHour =
  "5-hour usage limit reached for Token Plan Max (19834000/19834000 used), resets at 2026-06-04T15:00:00+08:00";

describe("the 2056 message", () => {
  it("5-hour: window, tier, used/total as written, and the reset instant with its offset", () => {
    expect(must(parseUsageLimitError(fiveHour))).toEqual({
      bucket: "general",
      window: "5h",
      label: "5-hour",
      tier: "Max",
      used: "19834000",
      limit: "19834000",
      resetsAt: "2026-06-04T07:00:00.000Z", // 15:00 +08:00
      message: fiveHour,
      notInTier: false,
      resetsAtText: "2026-06-04T15:00:00+08:00",
    });
  });

  it("weekly and daily", () => {
    const weekly = must(
      parseUsageLimitError(
        "weekly usage limit reached for Token Plan Plus (98940000/98940000 used), resets at 2026-06-08T00:00:00+08:00",
      ),
    );
    expect([weekly.bucket, weekly.window, weekly.tier, weekly.resetsAt]).toEqual([
      "general",
      "weekly",
      "Plus",
      "2026-06-07T16:00:00.000Z",
    ]);
    const daily = must(
      parseUsageLimitError(
        "daily usage limit reached for Token Plan Ultra (5/5 used), resets at 2026-06-05T00:00:00Z",
      ),
    );
    expect([daily.bucket, daily.window, daily.used, daily.limit]).toEqual(["video", "daily", "5", "5"]);
  });

  it("(0/0 used) reads as not in this tier, like the library's notice with limit 0", () => {
    const r = must(
      parseUsageLimitError(
        "daily usage limit reached for Token Plan Plus (0/0 used), resets at 2026-06-05T00:00:00+08:00",
      ),
    );
    expect([r.notInTier, r.used, r.limit]).toEqual([true, "0", "0"]);
  });

  it("the sentence inside a longer text (an error body), with thousands separators and no reset", () => {
    const body = `{"base_resp":{"status_code":2056,"status_msg":"5-hour usage limit reached for Token Plan Max (19,834,000/19,834,000 used)"}}`;
    const r = must(parseUsageLimitError(body));
    expect([r.used, r.resetsAt, r.resetsAtText, r.message]).toEqual([
      "19834000",
      null,
      null,
      "5-hour usage limit reached for Token Plan Max (19,834,000/19,834,000 used)",
    ]);
  });

  it("has the fields of the library's own notice, which the same full window produces", () => {
    let state = emptyLedger();
    for (const event of [
      { type: "subscribe", id: "s", at: "2026-06-04T09:00:00Z", tier: "max" },
      {
        type: "usage",
        id: "u",
        at: "2026-06-04T10:00:00Z",
        resource: "MiniMax-M3",
        measures: { outputTokens: 16_528_334 },
      },
    ] as const) {
      const r = applyEvent(state, event);
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    }
    const own = must(
      quoteUsage(state, {
        at: "2026-06-04T10:30:00Z",
        resource: "MiniMax-M3",
        measures: { outputTokens: 1000 },
      }),
    ).limit;
    const theirs = must(parseUsageLimitError(fiveHour));
    expect(
      Object.keys(theirs)
        .filter((k) => !["notInTier", "resetsAtText"].includes(k))
        .sort(),
    ).toEqual(Object.keys(own as QuotaLimitNotice).sort());
    expect([own?.bucket, own?.window, own?.label, own?.tier]).toEqual([
      theirs.bucket,
      theirs.window,
      theirs.label,
      theirs.tier,
    ]);
  });

  it("bucket and window come from the catalog's labels: null where several buckets share one (v1's daily)", () => {
    const r = must(
      parseUsageLimitError("daily usage limit reached for Token Plan Max (120/120 used)", {
        catalog: tokenPlanV1Catalog,
      }),
    );
    expect([r.bucket, r.window, r.label]).toEqual([null, null, "daily"]);
    const china = must(parseUsageLimitError(fiveHour, { catalog: tokenPlanChinaCatalog }));
    expect([china.bucket, china.window]).toEqual(["general", "5h"]);
  });
});

describe("refusals", () => {
  it.each([
    ["text without the sentence", "rate limit exceeded", "invalid_input", []],
    ["not text", 2056, "invalid_input", []],
    [
      "a reset that is no instant",
      "5-hour usage limit reached for Token Plan Max (1/1 used), resets at 2026-13-40T25:00:00Z",
      "invalid_instant",
      ["resetsAt"],
    ],
    [
      "a reset without an offset",
      "5-hour usage limit reached for Token Plan Max (1/1 used), resets at 2026-06-04T15:00:00",
      "invalid_instant",
      ["resetsAt"],
    ],
    [
      "a used count too large",
      `5-hour usage limit reached for Token Plan Max (${"9".repeat(19)}/1 used)`,
      "invalid_amount",
      ["used"],
    ],
    [
      "a total too large",
      `5-hour usage limit reached for Token Plan Max (1/${"9".repeat(19)} used)`,
      "invalid_amount",
      ["limit"],
    ],
    ["a whole book", "x".repeat(5000), "limit_exceeded", []],
  ])("%s", (_label, message, code, path) => {
    const r = parseUsageLimitError(message as string);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([code, path]);
  });

  it("bad options", () => {
    const r = parseUsageLimitError(fiveHour, { catalog: {} as never });
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_catalog", ["catalog"]]);
  });
});

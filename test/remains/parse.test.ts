/**
 * parseRemains on the fixtures, one payload shape per test: the current endpoint (v2),
 * the legacy endpoint (v1 per-model rows, the Coding Plan), string numbers, the `data`
 * wrapper, boosts in each spelling, missing fields, an auth failure and garbage.
 */
import { describe, expect, it } from "vitest";
import { parseRemains, type RemainsWindow, remainsReport } from "../../src";
import { deepFreeze } from "../support/freeze";
import { fixture, fixtureText, must, snapshotOf } from "./support";

const unknownWindow = (kind: "interval" | "weekly"): RemainsWindow => ({
  kind,
  status: "unknown",
  statusCode: null,
  limit: null,
  baseLimit: null,
  used: null,
  remaining: null,
  usedPercent: null,
  percentSource: null,
  boostPermille: 1000,
  windowStart: null,
  windowEnd: null,
  resetsAt: null,
  remainsMs: null,
});

describe("the current endpoint (v2: general and video)", () => {
  const snapshot = snapshotOf("current-v2.json");
  const [general, video] = snapshot.buckets;

  it("general: counts 0/0, so the remaining 63 % is the only figure: 37 % used, no amounts", () => {
    expect(general?.interval).toEqual({
      kind: "interval",
      status: "normal",
      statusCode: 1,
      limit: null,
      baseLimit: null,
      used: null,
      remaining: null,
      usedPercent: "37", // 100 − 63
      percentSource: "provider",
      boostPermille: 1000,
      windowStart: "2026-06-04T10:00:00.000Z",
      windowEnd: "2026-06-04T15:00:00.000Z",
      resetsAt: "2026-06-04T15:00:00.000Z",
      remainsMs: 10_200_000, // 2 h 50 min from 12:10 to 15:00
    });
    expect(general?.weekly).toMatchObject({
      status: "normal",
      usedPercent: "12",
      resetsAt: "2026-06-08T00:00:00.000Z",
    });
  });

  it("video: 1 of 3 used on the current endpoint; the provider's 66 % remaining gives 34 % used", () => {
    expect(video?.interval).toMatchObject({
      status: "normal",
      limit: "3",
      used: "1",
      remaining: "2",
      usedPercent: "34",
      percentSource: "provider",
      resetsAt: "2026-06-05T00:00:00.000Z",
    });
  });

  it("video's weekly status 3 beside a limited daily window means no weekly limit; its 0 times read as absent", () => {
    expect(video?.weekly).toMatchObject({
      status: "unlimited",
      statusCode: 3,
      usedPercent: null,
      windowStart: null,
    });
  });

  it("without an endpoint, video's counts fit only 'used' (1/3 = 33.3 % ≈ 34 %, not 66 %): current is inferred", () => {
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "inferred"]);
    expect(snapshot.notes).toEqual([
      {
        path: ["model_remains", 1, "current_interval_usage_count"],
        topic: "endpoint",
        message: expect.stringContaining("fit only the current endpoint"),
      },
    ]);
  });

  it("keeps the fields it does not read, in each row and at the top", () => {
    expect(general?.unknownFields).toEqual({ display_name: "Shared quota" });
    expect(snapshot.unknownFields).toEqual({ request_id: "0a1b2c3d" });
    expect(snapshot.provider).toEqual({ statusCode: 0, statusMessage: "success" });
  });

  it("reads the same from the payload's text", () => {
    expect(must(parseRemains(fixtureText("current-v2.json")))).toEqual(snapshot);
  });
});

describe("the same payload in other spellings", () => {
  const plain = snapshotOf("current-v2.json");

  it("numbers as numeric strings read the same", () => {
    expect(snapshotOf("string-numbers.json")).toEqual(plain);
  });

  it("wrapped in data (web paths) reads the same, with the paths under data", () => {
    const wrapped = snapshotOf("data-wrapped.json");
    expect(wrapped.buckets).toEqual(plain.buckets);
    expect(wrapped.notes.map((n) => n.path)).toEqual(plain.notes.map((n) => ["data", ...n.path]));
  });
});

describe("the legacy endpoint (v1 per-model rows)", () => {
  const snapshot = snapshotOf("legacy-v1.json");
  const byName = Object.fromEntries(snapshot.buckets.map((b) => [b.name, b]));

  it("infers 'remaining' from the rows that can tell: image-01 exhausted with 0, speech normal with all 300", () => {
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["legacy", "inferred"]);
  });

  it("MiniMax-M2.7: 3,000 of 4,500 remaining = 1,500 used = 33.33 %; week 40,000 of 45,000 remaining = 11.11 %", () => {
    expect(byName["MiniMax-M2.7"]?.interval).toMatchObject({
      limit: "4500",
      used: "1500",
      remaining: "3000",
      usedPercent: "33.33", // 1500 / 4500 = 33.333…, half-even to 2 places
      percentSource: "counts",
      status: "normal",
    });
    expect(byName["MiniMax-M2.7"]?.weekly).toMatchObject({
      used: "5000",
      remaining: "40000",
      usedPercent: "11.11",
    });
  });

  it("image-01: 0 remaining of 120 = all used, exhausted; a row without weekly fields has an unknown weekly window", () => {
    expect(byName["image-01"]?.interval).toMatchObject({
      status: "exhausted",
      used: "120",
      remaining: "0",
      usedPercent: "100",
    });
    expect(byName["image-01"]?.weekly).toEqual(unknownWindow("weekly"));
  });

  it("named as current, the same counts read as used, and the notes say the counts fit legacy", () => {
    const asCurrent = snapshotOf("legacy-v1.json", { endpoint: "current" });
    expect(asCurrent.endpointSource).toBe("given");
    expect(asCurrent.buckets[0]?.interval).toMatchObject({ used: "3000", remaining: "1500" });
    expect(asCurrent.notes.filter((n) => n.topic === "endpoint").map((n) => n.path[1])).toEqual([1, 2]);
  });

  it("the Coding Plan row (percent as a string): 1,200/1,500 fits only 'remaining' with 80 % remaining", () => {
    const coding = snapshotOf("coding-plan.json");
    expect([coding.endpoint, coding.endpointSource]).toEqual(["legacy", "inferred"]);
    expect(coding.buckets[0]?.interval).toMatchObject({ used: "300", remaining: "1200", usedPercent: "20" });
    expect(coding.buckets[0]?.weekly.status).toBe("unknown");
  });
});

describe("status 3", () => {
  it("an unlimited weekly window on a limited interval (legacy accounts): unlimited, figures null", () => {
    const [row] = snapshotOf("unlimited-weekly.json").buckets;
    expect(row?.interval).toMatchObject({ status: "normal", used: "900", usedPercent: "20" });
    expect(row?.weekly).toMatchObject({ status: "unlimited", limit: null, used: null, usedPercent: null });
  });

  it("Plus without video: totals 0, status 3, 100 % remaining = not in plan, and its weekly too", () => {
    const video = snapshotOf("plus-video-not-in-plan.json").buckets[1];
    expect([video?.interval.status, video?.weekly.status]).toEqual(["notInPlan", "notInPlan"]);
    expect(video?.interval).toMatchObject({ limit: null, usedPercent: null });
  });
});

describe("boosts, in each spelling", () => {
  // 4,500 × 1.5 = 6,750 in force; 1,350 used = 20 % (80 % remaining; without the boost it would be 30 %).
  // Weekly 45,000 × 2 = 90,000; 9,000 used = 10 % (90 % remaining).
  it.each([
    "boost-permille.json",
    "boost-permill.json",
    "boost-current-permille.json",
    "boost-current-permill.json",
  ])("%s", (name) => {
    const snapshot = snapshotOf(name);
    const [row] = snapshot.buckets;
    expect(row?.interval).toMatchObject({
      boostPermille: 1500,
      baseLimit: "4500",
      limit: "6750",
      used: "1350",
      usedPercent: "20",
    });
    expect(row?.weekly).toMatchObject({
      boostPermille: 2000,
      baseLimit: "45000",
      limit: "90000",
      usedPercent: "10",
    });
    expect(row?.unknownFields).toEqual({});
    // Only with the boost do the counts fit the percentage, so they tell the endpoint.
    expect(snapshot.endpointSource).toBe("inferred");
  });
});

describe("a boosted total past the largest amount", () => {
  // Found by parse-never-throws (seed 2025632876): 2^53 × 1000 made a limit of 19 digits,
  // a snapshot that remainsReport, reconcile and ledgerFromRemains then refused as not theirs.
  const row = (fields: Record<string, unknown>) => ({
    model_remains: [{ model_name: "general", ...fields }],
    base_resp: { status_code: 0 },
  });

  it("is refused at the total, with the boost that took it there", () => {
    const r = parseRemains(
      row({ current_interval_total_count: 9_007_199_254_740_992, interval_boost_permille: 1_000_000 }),
    );
    expect(r).toEqual({
      ok: false,
      error: {
        code: "invalid_amount",
        message:
          "The interval total 9007199254740992 with a boost of 1000000 per mille is 9007199254740992000 units, past the largest amount (below 10^18).",
        path: ["model_remains", 0, "current_interval_total_count"],
        params: { field: "current_interval_total_count", boostPermille: 1_000_000 },
      },
    });
    const weekly = parseRemains(
      row({ current_weekly_total_count: "999999999999999999", weekly_boost_permille: 1001 }),
    );
    expect(weekly.ok ? null : [weekly.error.code, weekly.error.path]).toEqual([
      "invalid_amount",
      ["model_remains", 0, "current_weekly_total_count"],
    ]);
  });

  it("up to just below 10^18 it is read, and the snapshot is one its readers take", () => {
    const snapshot = must(
      parseRemains(
        row({ current_interval_total_count: "999999999999999", interval_boost_permille: 1_000_000 }),
      ),
    );
    expect(snapshot.buckets[0]?.interval.limit).toBe("999999999999999000");
    expect(remainsReport(snapshot, "2026-06-04T12:10:00Z").ok).toBe(true);
  });
});

describe("missing fields", () => {
  const snapshot = snapshotOf("missing-fields.json");
  const [general, video] = snapshot.buckets;

  it("no status and 0 % remaining: exhausted, from the room left; the note says so", () => {
    expect(general?.interval).toMatchObject({
      status: "exhausted",
      usedPercent: "100",
      resetsAt: "2026-06-04T15:00:00.000Z",
    });
    expect(snapshot.notes).toContainEqual({
      path: ["model_remains", 0, "current_interval_status"],
      topic: "status",
      message: "The row has no status: the status is taken from the room left (exhausted).",
    });
  });

  it("absent windows are objects whose status is unknown: never missing, never null, never unlimited", () => {
    expect(general?.weekly).toEqual(unknownWindow("weekly"));
    expect(video?.interval).toEqual(unknownWindow("interval"));
    expect(video?.weekly).toEqual(unknownWindow("weekly"));
  });

  it("no base_resp: provider is null, no endpoint was needed", () => {
    expect([snapshot.provider, snapshot.endpoint, snapshot.endpointSource]).toEqual([null, null, null]);
  });
});

describe("refusals", () => {
  it("1004 sent with HTTP 200: a provider_error with the provider's code and message", () => {
    const r = parseRemains(fixture("auth-failure-1004.json"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("provider_error");
    expect(r.error.path).toEqual(["base_resp", "status_code"]);
    expect(r.error.params).toEqual({
      statusCode: 1004,
      statusMessage:
        "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
    });
    expect(r.error.message).toContain("check the API key");
  });

  it("a count that is not a number names its field", () => {
    const r = parseRemains(fixture("garbage.json"));
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([
      "invalid_amount",
      ["model_remains", 0, "current_interval_total_count"],
    ]);
  });

  it("an HTML error page instead of JSON", () => {
    const r = parseRemains(fixtureText("garbage.txt"));
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual([
      "invalid_input",
      "The remains payload is not valid JSON (truncated or not JSON?).",
    ]);
  });
});

describe("purity", () => {
  it("never changes its input (deep-frozen), and gives equal snapshots for equal input", () => {
    const input = deepFreeze(fixture("legacy-v1.json"));
    expect(parseRemains(input)).toEqual(parseRemains(fixture("legacy-v1.json")));
  });
});

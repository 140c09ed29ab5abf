/**
 * `teamUsageByMember` (`src/teams/byMember.ts`): which entries it sums (member usages in
 * `[from, to)`, nothing else), and what it refuses, with the sentences: written to kill the
 * mutants Stryker left there. Entries come from a real run, made inside each test.
 *
 * M3 output is $1.2 per million tokens: 1M tokens = 1.2 quota units = 1,200 credits of value.
 */
import { describe, expect, it } from "vitest";
import { type TeamEntry, teamUsageByMember } from "../../src";
import { freshTeam, m3, run } from "../teams/support";

const at = "2026-06-01T08:00:00Z";
/** ana on a Plus seat: 1M tokens on the 2nd, 2M on the 3rd; bo (no seat) 1M on the 4th, each at 10:00. */
function entries(): TeamEntry[] {
  return run(freshTeam(), [
    { type: "buy-seat", id: "seat-1", at, seatId: "seat-1", tier: "plus" },
    { type: "assign-seat", id: "give-ana", at, seatId: "seat-1", memberId: "ana" },
    m3("u1", "2026-06-02T10:00:00Z", "ana", 1_000_000),
    m3("u2", "2026-06-03T10:00:00Z", "ana", 2_000_000),
    m3("u3", "2026-06-04T10:00:00Z", "bo", 1_000_000),
  ]).entries;
}

describe("what is summed", () => {
  it("[from, to): a usage at `from` counts, one at `to` does not; seat entries are passed over", () => {
    // Kills: the entry-type check → false (a seat entry has no `at` to read), the range check → false
    // and `<` → `<=` at `from`, and `sums === undefined` → true (ana's two usages add up).
    const r = teamUsageByMember(entries(), { from: "2026-06-02T10:00:00Z", to: "2026-06-04T10:00:00Z" });
    expect(r).toEqual({
      ok: true,
      value: {
        from: "2026-06-02T10:00:00.000Z",
        to: "2026-06-04T10:00:00.000Z",
        members: [
          {
            memberId: "ana",
            usages: 2,
            valueCredits: "3600",
            quotaUnits: "3.6",
            quotaCredits: "3600",
            poolCredits: "0",
            arrearsCredits: "0",
          },
        ],
        total: {
          usages: 2,
          valueCredits: "3600",
          quotaUnits: "3.6",
          quotaCredits: "3600",
          poolCredits: "0",
          arrearsCredits: "0",
        },
      },
    });
  });
});

describe("what it refuses", () => {
  it("entries that are not a list", () => {
    // Kills: the message → "".
    expect(teamUsageByMember("x" as never, { from: at, to: at })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected an array of team entries.",
        path: ["entries"],
        params: {},
      },
    });
  });

  it("options that are not an object, or null", () => {
    // Kills: `typeof options !== "object" || options === null` → false, and the message → "".
    const refused = {
      ok: false,
      error: { code: "invalid_input", message: "Expected options { from, to }.", path: [], params: {} },
    };
    expect(teamUsageByMember([], "x" as never)).toEqual(refused);
    expect(teamUsageByMember([], null as never)).toEqual(refused);
  });

  it("`to` before `from`", () => {
    // Kills: the message → "".
    expect(teamUsageByMember([], { from: "2026-06-02T00:00:00Z", to: "2026-06-01T00:00:00Z" })).toEqual({
      ok: false,
      error: { code: "invalid_input", message: "`to` must not be before `from`.", path: ["to"], params: {} },
    });
  });
});

describe("an entry's amounts are read by their kind", () => {
  const usage = {
    type: "member.usage",
    eventId: "u",
    at: "2026-06-02T10:00:00Z",
    memberId: "ana",
    valueCredits: "1",
    quotaUnits: "1",
    quotaCredits: "1",
    poolCredits: "0",
    arrearsCredits: "0",
  };
  const june = { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" };
  const refusedAt = (field: string) => {
    const r = teamUsageByMember([{ ...usage, [field]: "x" }] as never, june);
    return !r.ok && [r.error.message, r.error.path];
  };

  it("quota units as a quota-unit amount, the rest as credits, each refusal at its field", () => {
    // Kills: `field === "quotaUnits"` → true, false, `!==`, "quotaUnits" → "" and "credits" → "".
    expect(refusedAt("quotaUnits")).toEqual([
      'Expected a plain decimal quota-unit amount like "12.5", got "x".',
      ["entries", 0, "quotaUnits"],
    ]);
    expect(refusedAt("valueCredits")).toEqual([
      'Expected a plain decimal credits amount like "12.5", got "x".',
      ["entries", 0, "valueCredits"],
    ]);
  });
});

describe("second-round survivors", () => {
  it("entries that are not objects are passed over, not read", () => {
    // Kills: `typeof entry !== "object"` → false (undefined.type would throw).
    const r = teamUsageByMember([undefined, 5] as never, { from: at, to: "2026-07-01T00:00:00Z" });
    expect(r.ok && r.value.total.usages).toBe(0);
  });

  it("a usage before `from` is not counted", () => {
    // Kills: `at.value < from.value` → false. From the 3rd: only ana's 2M (2,400) and bo's usage before the 4th.
    const r = teamUsageByMember(entries(), { from: "2026-06-03T00:00:00Z", to: "2026-06-04T00:00:00Z" });
    expect(r.ok && r.value.members.map((m) => [m.memberId, m.usages, m.valueCredits])).toEqual([
      ["ana", 1, "2400"],
    ]);
  });
});

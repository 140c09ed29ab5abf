import { describe, expect, it } from "vitest";
import { expiryInstant, formatInstant, type ValidityRule } from "../../src/time";
import { at, utc } from "./support";

const dayMs = 86_400_000;

describe("expiryInstant: the first instant the credits are no longer usable (exclusive)", () => {
  const elapsed365: ValidityRule = { rule: "elapsed-days", days: 365 };
  const calendar365Berlin: ValidityRule = { rule: "calendar-days", days: 365, timeZone: "Europe/Berlin" };
  const calendar30Berlin: ValidityRule = { rule: "calendar-days", days: 30, timeZone: "Europe/Berlin" };
  const elapsed30: ValidityRule = { rule: "elapsed-days", days: 30 };
  const calendar10Berlin: ValidityRule = { rule: "calendar-days", days: 10, timeZone: "Europe/Berlin" };
  const elapsed10: ValidityRule = { rule: "elapsed-days", days: 10 };
  const anniversaryUtc: ValidityRule = { rule: "anniversary", years: 1, timeZone: "UTC" };
  const anniversary4Utc: ValidityRule = { rule: "anniversary", years: 4, timeZone: "UTC" };
  const anniversaryShanghai: ValidityRule = { rule: "anniversary", years: 1, timeZone: "Asia/Shanghai" };
  it.each([
    // rule                 from                           expires
    [elapsed365, "2026-06-04T07:00:00Z", "2027-06-04T07:00:00Z"],
    [elapsed365, "2027-06-04T07:00:00Z", "2028-06-03T07:00:00Z"], //      365 × 24 h, and 2028 has Feb 29
    [elapsed365, "2026-06-04T07:00:00.001Z", "2027-06-04T07:00:00.001Z"],
    [calendar365Berlin, "2026-03-01T12:00:00+01:00", "2027-03-01T12:00:00+01:00"], // both in winter: as elapsed
    // across spring forward: calendar days keep 12:00 local, elapsed days land at 13:00 CEST
    [calendar30Berlin, "2026-03-15T12:00:00+01:00", "2026-04-14T12:00:00+02:00"],
    [elapsed30, "2026-03-15T12:00:00+01:00", "2026-04-14T13:00:00+02:00"],
    // across fall back: calendar days keep 12:00 local, elapsed days land at 11:00 CET
    [calendar10Berlin, "2026-10-20T12:00:00+02:00", "2026-10-30T12:00:00+01:00"],
    [elapsed10, "2026-10-20T12:00:00+02:00", "2026-10-30T11:00:00+01:00"],
    [anniversaryUtc, "2026-06-04T07:00:00Z", "2027-06-04T07:00:00Z"],
    [anniversaryUtc, "2028-02-29T10:00:00Z", "2029-02-28T10:00:00Z"], //  Feb 29 clamped to Feb 28
    [anniversary4Utc, "2028-02-29T10:00:00Z", "2032-02-29T10:00:00Z"], // 2032 has Feb 29 again
    [anniversaryUtc, "2027-06-04T07:00:00Z", "2028-06-04T07:00:00Z"], //  366 days: a year, not 365 days
    [anniversaryShanghai, "2028-02-29T23:30:00+08:00", "2029-02-28T23:30:00+08:00"],
    // 2028-02-28T20:00Z is already Feb 29 04:00 in Shanghai, so it is clamped there (UTC would keep Feb 28 20:00Z)
    [anniversaryShanghai, "2028-02-28T20:00:00Z", "2029-02-28T04:00:00+08:00"],
    [anniversaryUtc, "2028-02-28T20:00:00Z", "2029-02-28T20:00:00Z"],
  ] as const)("%#: %o from %s expires at %s", (rule, from, expected) => {
    expect(formatInstant(expiryInstant(rule, at(from)))).toBe(utc(expected));
  });

  it("elapsed-days is exactly days × 24 h", () => {
    const from = at("2026-03-01T00:00:00+01:00");
    expect(expiryInstant({ rule: "elapsed-days", days: 365 }, from) - from).toBe(365 * dayMs); // 31,536,000,000
  });

  it("calendar-days differs from elapsed-days by the DST hour only", () => {
    const from = at("2026-03-15T12:00:00+01:00");
    const calendar = expiryInstant({ rule: "calendar-days", days: 30, timeZone: "Europe/Berlin" }, from);
    const elapsed = expiryInstant({ rule: "elapsed-days", days: 30 }, from);
    expect(elapsed - calendar).toBe(3_600_000);
  });

  it.each([
    [{ rule: "elapsed-days", days: 1.5 }],
    [{ rule: "calendar-days", days: 1.5, timeZone: "UTC" }],
    [{ rule: "anniversary", years: 0.5, timeZone: "UTC" }],
  ] as const)("throws on a fraction %o: a bug, not input", (rule) => {
    expect(() => expiryInstant(rule, at("2026-06-04T07:00:00Z"))).toThrow("[token-plan]");
  });
});

import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/time";

describe("parseDuration reads fixed-length ISO-8601 durations as ms", () => {
  it.each([
    // input         ms              hand arithmetic
    ["PT5H", 18_000_000], //          5 × 3,600,000
    ["P7D", 604_800_000], //          7 × 86,400,000
    ["P1W", 604_800_000], //          a week is 7 days
    ["P1D", 86_400_000], //           a day is exactly 24 h
    ["PT1M", 60_000], //              minutes after T, not months
    ["PT90M", 5_400_000],
    ["PT1H30M", 5_400_000],
    ["PT30S", 30_000],
    ["PT0.5S", 500],
    ["PT1.25S", 1_250],
    ["PT0.001S", 1], //               the smallest duration
    ["P1DT2H30M", 95_400_000], //     86,400,000 + 7,200,000 + 1,800,000
    ["PT36H", 129_600_000],
    ["P2W3D", 1_468_800_000], //      17 days
    ["P1DT0H", 86_400_000],
    ["P365D", 31_536_000_000],
  ] as const)("%s = %i ms", (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, value: ms });
  });
});

describe("parseDuration refuses calendar units, zero and garbage", () => {
  it.each([
    // input               why (in the message)
    ["P1M", "years and months have no fixed length"],
    ["P1Y", "years and months have no fixed length"],
    ["P1Y2M3D", "years and months have no fixed length"],
    ["P1MT5H", "years and months have no fixed length"],
    ["P0D", "longer than zero"],
    ["PT0S", "longer than zero"],
    ["PT0H0M", "longer than zero"],
    ["PT0.000S", "longer than zero"],
    ["PT1.5H", "only seconds may carry a fraction"],
    ["P1.5D", "only seconds may carry a fraction"],
    ["PT0.0001S", "more digits than milliseconds"],
    ["P", "not in that format"],
    ["PT", "not in that format"],
    ["P1DT", "not in that format"],
    ["PT5", "not in that format"],
    ["", "not in that format"],
    ["5h", "not in that format"],
    ["pt5h", "not in that format"],
    ["-PT5H", "not in that format"],
    ["PT5H ", "not in that format"],
    ["P1D1W", "not in that format"], //       order matters
    ["PT5M1H", "not in that format"],
    ["P100000000D", "longer than years 1970 through 9999"],
    [18_000_000, "not a string"],
    [null, "not a string"],
    [undefined, "not a string"],
  ] as const)("%j is refused: %s", (input, why) => {
    const parsed = parseDuration(input, ["windows", 0, "duration"]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe("invalid_duration");
    expect(parsed.error.path).toEqual(["windows", 0, "duration"]);
    expect(parsed.error.message).toContain(why);
    expect(parsed.error.message).toContain('such as "PT5H"');
  });

  it("quotes the refused value", () => {
    const parsed = parseDuration("P1M");
    expect(!parsed.ok && parsed.error.message).toContain('got "P1M"');
    expect(!parsed.ok && parsed.error.path).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { parseCuts } from "../../src/time";

describe("parseCuts accepts 1–48 strictly ascending local times HH:mm", () => {
  it.each([
    [["00:00"]],
    [["00:00", "05:00", "10:00", "15:00", "20:00"]],
    [["05:00", "17:00"]], //                                         the first cut need not be 00:00
    [["23:59"]],
    [
      Array.from(
        { length: 48 },
        (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`,
      ),
    ],
  ])("%j", (cuts) => {
    expect(parseCuts(cuts)).toEqual({ ok: true, value: cuts });
  });

  it("returns a copy, not the caller's array", () => {
    const cuts = ["00:00"];
    const parsed = parseCuts(cuts);
    expect(parsed.ok && parsed.value).not.toBe(cuts);
  });
});

describe("parseCuts refuses with invalid_input and the offending entry's path", () => {
  it.each([
    // input                           path             message contains
    [[], ["cuts"], "a list of 0"],
    [Array.from({ length: 49 }, () => "00:00"), ["cuts"], "a list of 49"],
    ["00:00", ["cuts"], 'got "00:00"'],
    [null, ["cuts"], "got null"],
    [["24:00"], ["cuts", 0], 'got "24:00"'],
    [["5:00"], ["cuts", 0], 'got "5:00"'],
    [["05:60"], ["cuts", 0], 'got "05:60"'],
    [["00:00", "05:00:00"], ["cuts", 1], 'got "05:00:00"'],
    [["00:00", 500], ["cuts", 1], "got 500"],
    [["10:00", "05:00"], ["cuts", 1], 'got "05:00" after "10:00"'],
    [["05:00", "05:00"], ["cuts", 1], "strictly ascending"],
  ] as const)("%j at %j", (input, path, contains) => {
    const parsed = parseCuts(input, ["cuts"]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe("invalid_input");
    expect(parsed.error.path).toEqual(path);
    expect(parsed.error.message).toContain(contains);
  });

  it("defaults the path to the root", () => {
    const parsed = parseCuts(["10:00", "05:00"]);
    expect(!parsed.ok && parsed.error.path).toEqual([1]);
  });
});

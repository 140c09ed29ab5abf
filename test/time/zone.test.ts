import { describe, expect, it } from "vitest";
import { isValidTimeZone, parseTimeZone } from "../../src/time";

describe("time zones", () => {
  it.each([
    // zone                     valid
    ["UTC", true],
    ["Asia/Shanghai", true],
    ["Europe/Berlin", true],
    ["America/New_York", true],
    ["Australia/Lord_Howe", true],
    ["Etc/GMT+5", true], //                    IANA's fixed-offset names are zones
    ["europe/berlin", true], //                Intl matches names case-insensitively
    ["", false],
    ["Mars/Olympus_Mons", false],
    ["+08:00", true], //                       fixed offsets, read by the library itself
    ["-05:00", true],
    ["UTC+8", true],
    ["GMT+8", true],
    ["+14:00", true],
    ["-12:00", true],
    ["+14:01", false], //                      beyond the widest offset in use
    ["UTC+15", false],
    ["+08:60", false],
    ["+8:00", false], //                       ISO offsets have two-digit hours
    ["UTC+", false],
    ["Europe/Berlin ", false],
    ["CET+1", false],
  ] as const)("%j → %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
    expect(parseTimeZone(zone).ok).toBe(valid);
  });

  it("returns a valid name as given", () => {
    expect(parseTimeZone("Asia/Shanghai")).toEqual({ ok: true, value: "Asia/Shanghai" });
  });

  it.each([["Mars/Olympus_Mons"], [8], [null], [undefined], [["UTC"]]])(
    "refuses %j with invalid_time_zone",
    (input) => {
      const parsed = parseTimeZone(input, ["windows", 1, "timeZone"]);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.error.code).toBe("invalid_time_zone");
      expect(parsed.error.path).toEqual(["windows", 1, "timeZone"]);
      expect(parsed.error.message).toContain('Expected an IANA time zone such as "UTC"');
    },
  );

  it("quotes the refused name and defaults the path to the root", () => {
    const parsed = parseTimeZone("Mars/Olympus_Mons");
    expect(!parsed.ok && parsed.error.message).toContain('got "Mars/Olympus_Mons"');
    expect(!parsed.ok && parsed.error.path).toEqual([]);
  });
});

/**
 * `token-plan remains`: the provider's bars from a saved payload. The current-endpoint
 * fixture was fetched at 12:10Z: the 5-hour block (10:00–15:00) is 63 % left, so 37 % used,
 * and resets in 2 h 50 min; the week is 88 % left.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ansi, runCli } from "./support";

const fixture = (name: string) => path.join("test", "remains", "fixtures", name);
const at = "2026-06-04T12:10:00Z";

describe("token-plan remains", () => {
  it("prints each bucket's windows with the used share and the countdown", async () => {
    const r = await runCli(["remains", fixture("current-v2.json"), "--at", at]);
    expect(r.code).toBe(0);
    const out = r.stdout.replace(ansi, "");
    expect(out).toMatch(/general\s+│\s+5-hour.*37%.*resets in 2h 50m/);
    expect(out).toMatch(/general\s+│\s+weekly.*12%/);
    expect(out).toMatch(/video\s+│\s+daily/);
    expect(r.stderr).toBe("");
  });

  it("--json prints only the parsed snapshot", async () => {
    const r = await runCli(["remains", fixture("current-v2.json"), "--at", at, "--json"]);
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.stdout) as { buckets: { name: string }[] };
    expect(snapshot.buckets.map((b) => b.name)).toEqual(["general", "video"]);
  });

  it("an auth failure sent with HTTP 200 is reported with the provider's code, exit 1", async () => {
    const r = await runCli(["remains", fixture("auth-failure-1004.json"), "--at", at]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^token-plan: .*1004/);
  });

  it("a missing file is a usage error, exit 2, one line", async () => {
    const r = await runCli(["remains", fixture("nope.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

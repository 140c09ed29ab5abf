/**
 * `token-plan status` to the character (issue #23's mutation run of `src/cli`): the bars and
 * countdowns of a stored ledger, its credits and arrears, the lots and when a lot's expiry
 * turns yellow, the instant it shows when --at is left out, and its help.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  type Catalog,
  codingPlanCatalog,
  createLedger,
  type LedgerEvent,
  serializeLedger,
  tokenPlanChinaCatalog,
} from "../../src";
import { runCli, runCliInfo, tempLogs } from "../cli/support";

const esc = String.fromCharCode(27);

function ledgerFile(events: LedgerEvent[], catalog?: Catalog): string {
  const created = createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(created.error.message);
  const applied = applyEvents(created.state, events);
  if (!applied.ok) throw new Error(applied.error.message);
  const stored = serializeLedger(applied.state);
  if (!stored.ok) throw new Error(stored.error.message);
  return path.join(tempLogs({ "ledger.json": stored.value }), "ledger.json");
}

const heavy = { inputTokens: 9_000_000, outputTokens: 2_000_000 };
const overflowed = () =>
  ledgerFile([
    { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "plus" },
    { type: "purchase-credits", id: "pack-a", at: "2026-06-01T00:00:00Z", package: "usd-5" },
    { type: "usage", id: "u1", at: "2026-06-04T10:30:00Z", resource: "MiniMax-M3", measures: heavy },
    { type: "usage", id: "u2", at: "2026-06-04T11:00:00Z", resource: "MiniMax-M3", measures: heavy },
  ]);

describe("token-plan status, to the character", () => {
  it("bars with countdowns, a window the plan lacks, the credits with arrears, and the lots", async () => {
    const r = await runCli(["status", overflowed(), "--at", "2026-06-04T12:00:00Z"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(
      [
        "Plus at 2026-06-04 12:00 (UTC) — MiniMax Token Plan (global site)",
        "┌────────────────┬───────────────────────────────┬─────────────┬──────────────────────────────┐",
        "│ Window         │                               │        Used │ Resets                       │",
        "├────────────────┼───────────────────────────────┼─────────────┼──────────────────────────────┤",
        "│ general 5-hour │ ████████████████████████ 100% │ 6.596/6.596 │ in 3h (2026-06-04 15:00)     │",
        "│ general weekly │ █▋░░░░░░░░░░░░░░░░░░░░░░ 6.7% │ 6.596/98.94 │ in 3d 12h (2026-06-08 00:00) │",
        "│ video daily    │ not in this plan              │             │                              │",
        "└────────────────┴───────────────────────────────┴─────────────┴──────────────────────────────┘",
        "Credits: 0, arrears 8,804",
        "┌────────┬──────┬───────┬────────────────────────────────┐",
        "│ Lot    │ Left │    Of │ Expires                        │",
        "├────────┼──────┼───────┼────────────────────────────────┤",
        "│ pack-a │    0 │ 5,000 │ 2027-06-01 00:00 (in 361d 12h) │",
        "└────────┴──────┴───────┴────────────────────────────────┘",
        "",
      ].join("\n"),
    );
  });

  it("colours: bold title and credits, arrears red, a plan's missing window dim", async () => {
    const r = await runCli(["status", overflowed(), "--at", "2026-06-04T12:00:00Z"], { tty: true });
    expect(r.stdout).toContain(
      `${esc}[1mPlus at 2026-06-04 12:00 (UTC) — MiniMax Token Plan (global site)${esc}[22m`,
    );
    expect(r.stdout).toContain(`${esc}[1mCredits: 0${esc}[31m, arrears 8,804${esc}[39m${esc}[22m`);
    expect(r.stdout).toContain(`${esc}[2mnot in this plan${esc}[22m`);
  });

  it("a lot's expiry is yellow from 30 days before it on", async () => {
    const expiryOf = async (at: string) => {
      const r = await runCli(["status", overflowed(), "--at", at], { tty: true });
      return r.stdout.split("\n").find((l) => l.includes("pack-a")) ?? "";
    };
    expect(await expiryOf("2027-05-02T00:00:00Z")).toContain("│ 2027-06-01 00:00 (in 30d) │");
    expect(await expiryOf("2027-05-02T00:00:00.001Z")).toContain(
      `${esc}[33m2027-06-01 00:00 (in 29d 23h)${esc}[39m`,
    );
  });

  it("no purchases and no arrears: the credits line alone, no lots table", async () => {
    const file = ledgerFile([
      { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "max" },
      {
        type: "usage",
        id: "u1",
        at: "2026-06-04T10:30:00Z",
        resource: "MiniMax-M3",
        measures: { inputTokens: 1_000_000 },
      },
    ]);
    const r = await runCli(["status", file, "--at", "2026-06-04T12:00:00Z"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Max at 2026-06-04 12:00 (UTC) — MiniMax Token Plan (global site)");
    expect(lines.at(-2)).toBe("Credits: 0");
    expect(r.stdout).not.toContain("│ Lot");
    expect(r.stdout).toContain(
      "│ video daily    │ ░░░░░░░░░░░░░░░░░░░░░░░░ 0%   │        0/3 │ in 12h (2026-06-05 00:00)    │",
    );
  });

  it("reads a ledger on any shipped catalog, in that catalog's time zone", async () => {
    const events = (tier: string, resource: string): LedgerEvent[] => [
      { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier },
      { type: "usage", id: "u1", at: "2026-06-04T10:30:00Z", resource, measures: { inputTokens: 1000 } },
    ];
    const coding = await runCli([
      "status",
      ledgerFile(events("starter", "MiniMax-M2.7"), codingPlanCatalog),
      "--at",
      "2026-06-04T12:00:00Z",
    ]);
    expect([coding.code, coding.stderr]).toEqual([0, ""]);
    expect(coding.stdout.split("\n")).toEqual([
      "Starter at 2026-06-04 12:00 (UTC) — MiniMax Coding Plan (prompts, to 2026-03-22)",
      "┌────────────────┬───────────────────────────────┬───────┬──────────────────────────┐",
      "│ Window         │                               │  Used │ Resets                   │",
      "├────────────────┼───────────────────────────────┼───────┼──────────────────────────┤",
      "│ general 5-hour │ ░░░░░░░░░░░░░░░░░░░░░░░░ 0.2% │ 1/600 │ in 3h (2026-06-04 15:00) │",
      "└────────────────┴───────────────────────────────┴───────┴──────────────────────────┘",
      "Credits: 0",
      "",
    ]);
    const china = await runCli([
      "status",
      ledgerFile(events("plus", "MiniMax-M3"), tokenPlanChinaCatalog),
      "--at",
      "2026-06-04T12:00:00Z",
    ]);
    expect(china.stdout.split("\n")[0]).toBe(
      "Plus at 2026-06-04 20:00 (Asia/Shanghai) — MiniMax Token Plan (China site, windows in Asia/Shanghai)",
    );
    expect(china.stdout).toContain(
      "│ general 5-hour │ ░░░░░░░░░░░░░░░░░░░░░░░░ 0% │ 0/6.596 │ in 4h (2026-06-05 00:00)    │",
    );
  });

  it("a ledger without a plan says so", async () => {
    const file = ledgerFile([
      { type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" },
    ]);
    const r = await runCli(["status", file, "--at", "2026-06-04T12:00:00Z"]);
    expect(r.stdout.split("\n")[0]).toBe(
      "no plan (credits only) at 2026-06-04 12:00 (UTC) — MiniMax Token Plan (global site)",
    );
    expect(r.stdout).toContain("Credits: 5,000");
  });

  it("an --at before the ledger's clock is refused as the library refuses it (exit 1)", async () => {
    const r = await runCli(["status", overflowed(), "--at", "2026-06-04T09:00:00Z"]);
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(r.stderr).toMatch(
      /^token-plan: .*2026-06-04T09:00:00\.000Z.*2026-06-04T11:00:00\.000Z.* \(at\)\n$/,
    );
  });

  it("a bad --at is a usage error that names the option", async () => {
    const r = await runCli(["status", overflowed(), "--at", "soon"]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^token-plan: --at: Expected an ISO-8601 instant/);
  });

  it("without --at it shows the later of the clock and the ledger's clock", async () => {
    const file = overflowed();
    const early = await runCli(["status", file], { nowMs: Date.parse("2026-06-01T00:00:00Z") });
    expect(early.stdout.split("\n")[0]).toBe(
      "Plus at 2026-06-04 11:00 (UTC) — MiniMax Token Plan (global site)",
    );
    const late = await runCli(["status", file], { nowMs: Date.parse("2026-06-04T13:30:00Z") });
    expect(late.stdout.split("\n")[0]).toBe(
      "Plus at 2026-06-04 13:30 (UTC) — MiniMax Token Plan (global site)",
    );
  });

  it("--json: the instant, the tier, the quota and the credits", async () => {
    const r = await runCli(["status", overflowed(), "--at", "2026-06-04T12:00:00Z", "--json"]);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["at", "tier", "quota", "credits"]);
    expect([
      json.at,
      json.tier,
      json.credits.arrears,
      json.credits.lots.map((l: { id: string }) => l.id),
    ]).toEqual(["2026-06-04T12:00:00.000Z", "plus", "8804", ["pack-a"]]);
  });

  it("--json lists the lots that expire within 30 days", async () => {
    const file = ledgerFile([
      { type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" },
    ]);
    const expiring = async (at: string) =>
      JSON.parse((await runCli(["status", file, "--at", at, "--json"])).stdout).credits.expiring.length;
    expect(await expiring("2027-05-12T00:00:00Z")).toBe(1);
    expect(await expiring("2027-04-12T00:00:00Z")).toBe(0);
  });

  it("--help: the instant it shows and an example", async () => {
    const r = await runCliInfo(["status", "--help"]);
    const text = r.info.join("\n");
    expect(r.code).toBe(0);
    expect(text).toContain(
      "--at <instant>  The instant to show (default: now, or the ledger's clock if that is later)",
    );
    expect(text).toContain("--json          Print JSON only");
    expect(text).toContain("token-plan status ledger.json --at 2026-06-04T14:00:00Z");
  });
});

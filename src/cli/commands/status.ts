/** `token-plan status <ledger.json> [--at T]`: usage bars with countdowns, and credit lots with their expiry. */
import { readFile } from "node:fs/promises";
import { creditBalance, parseLedger, quotaStatus } from "../../index";
import {
  bar,
  colorsFor,
  displayCredits,
  displayUnits,
  duration,
  line,
  percent,
  printJson,
  table,
  when,
  zoneOf,
} from "../format";
import { dataError, usageError } from "../io";
import { catalogsByName, instantOption } from "../options";
import { type Flags, type RegisterCommand, refused } from "./shared";

export const registerStatus: RegisterCommand = (cli, { io }) => {
  cli
    .command("status [ledger]", "A stored ledger's usage bars, countdowns and credit lots")
    .option("--at <instant>", "The instant to show (default: now, or the ledger's clock if that is later)")
    .option("--json", "Print JSON only")
    .example("token-plan status ledger.json --at 2026-06-04T14:00:00Z")
    .action(async (file: string | undefined, flags: Flags) => {
      if (file === undefined) throw usageError("Give the ledger file: token-plan status <ledger.json>.");
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch {
        throw usageError(`No such file: ${file}`);
      }
      const parsed = parseLedger(text, { catalogs: Object.values(catalogsByName) });
      if (!parsed.ok) throw dataError(`${file}: ${parsed.error.message}`);
      const state = parsed.value;
      const clock = state.clockMs ?? Number.NEGATIVE_INFINITY;
      const at =
        flags.at === undefined ? Math.max(io.nowMs(), clock) : instantOption("at", flags.at, io.nowMs());
      const quota = quotaStatus(state, at);
      // Stryker disable next-line ConditionalExpression: equivalent: creditBalance just below refuses the same instant with the same error
      if (!quota.ok) refused(quota.error);
      // The default horizon, 30 days, is the one the lots table marks in yellow.
      const credits = creditBalance(state, at);
      // Stryker disable next-line ConditionalExpression: equivalent: creditBalance refuses only an instant before the clock, which quotaStatus refused just before
      if (!credits.ok) refused(credits.error);
      if (flags.json === true) {
        printJson(io, {
          at: quota.value.at,
          tier: quota.value.tier,
          quota: quota.value,
          credits: credits.value,
        });
        return;
      }
      const c = colorsFor(io);
      const zone = zoneOf(state.catalog);
      const tier =
        quota.value.tier === null
          ? "no plan (credits only)"
          : // Stryker disable next-line OptionalChaining,LogicalOperator: equivalent: the ledger's tier is one of its catalog's
            (state.catalog.tiers[quota.value.tier]?.name ?? quota.value.tier);
      line(io, c.bold(`${tier} at ${when(at, zone)} (${zone}) — ${state.catalog.name}`));
      // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
      const t = table(["Window", "", "Used", "Resets"], ["left", "left", "right", "left"]);
      for (const bucket of quota.value.buckets) {
        for (const w of bucket.windows) {
          if (!bucket.covered || w.limit === "0") {
            t.push([`${bucket.bucket} ${w.label}`, c.dim("not in this plan"), "", ""]);
            continue;
          }
          // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent here: status reads the shipped catalogs only, whose windows are all calendar windows, which always reset
          const resets = w.resetsAt === null ? "" : countdown(w.resetsAt, at, zone);
          t.push([
            `${bucket.bucket} ${w.label}`,
            `${bar(w.usedPercent, 24, c)} ${percent(w.usedPercent)}`,
            `${displayUnits(w.used)}/${displayUnits(w.limit)}`,
            resets,
          ]);
        }
      }
      line(io, t.toString());
      const b = credits.value;
      line(
        io,
        c.bold(
          `Credits: ${displayCredits(b.total)}${b.arrears === "0" ? "" : c.red(`, arrears ${displayCredits(b.arrears)}`)}`,
        ),
      );
      if (b.lots.length > 0) {
        // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
        const lots = table(["Lot", "Left", "Of", "Expires"], ["left", "right", "right", "left"]);
        for (const lot of b.lots) {
          const left = Date.parse(lot.expiresAt) - at;
          const expires = `${when(Date.parse(lot.expiresAt), zone)} (in ${duration(left)})`;
          lots.push([
            lot.id,
            displayCredits(lot.remaining),
            displayCredits(lot.credits),
            left < 30 * 86_400_000 ? c.yellow(expires) : expires,
          ]);
        }
        line(io, lots.toString());
      }
    });
};

/** "in 3h (2026-06-04 15:00)": the time left until `resetsAt`, and when that is in `zone`. */
function countdown(resetsAt: string, at: number, zone: string): string {
  const ms = Date.parse(resetsAt);
  return `in ${duration(ms - at)} (${when(ms, zone)})`;
}

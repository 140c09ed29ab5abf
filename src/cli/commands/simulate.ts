/** `token-plan simulate <file|folder…> --plan max`: one plan over the logs, in full. */
import type { Simulation, WindowPeriod } from "../../index";
import { simulate } from "../../index";
import {
  bar,
  type Colors,
  colorsFor,
  displayCredits,
  displayUnits,
  displayUsd,
  duration,
  line,
  percent,
  plural,
  printJson,
  table,
  when,
  zoneOf,
} from "../format";
import type { CliIo } from "../io";
import { creditsOption, planOption } from "../options";
import { Progress } from "../progress";
import {
  type Flags,
  loadLogs,
  notBilledText,
  type RegisterCommand,
  readSummary,
  refused,
  withLogOptions,
} from "./shared";

/** Blocks drawn in the chart: the last ones with use. */
const chartBlocksMax = 30;

export const registerSimulate: RegisterCommand = (cli, { io }) => {
  withLogOptions(
    cli.command("simulate [...paths]", "Replay the logs on one plan: totals, days and 5-hour blocks"),
  )
    .option("--plan <tier>", "The plan: a tier such as plus, max, ultra, or none for credits only")
    .option("--credits <strategy>", "How credits are bought: as-needed, none or a package such as usd-25", {
      default: "as-needed",
    })
    .example("token-plan simulate examples/logs/daily-coder.csv --plan max")
    .action(async (paths: string[], flags: Flags) => {
      const { catalog, logs } = await loadLogs(paths, flags, io);
      const plan = planOption(flags.plan, catalog);
      const credits = creditsOption(flags.credits, catalog);
      const progress = new Progress(io);
      progress.note(`replaying ${logs.usages.length.toLocaleString("en-US")} usages…`);
      const simulated = simulate(logs.usages, { catalog, plan, credits });
      progress.done();
      // Stryker disable next-line ConditionalExpression: equivalent: the CLI checked the plan and the credits, which is all simulate refuses for usages a reader made
      if (!simulated.ok) refused(simulated.error);
      const s = simulated.value;
      if (flags.json === true) {
        printJson(io, { ...s, ...readSummary(logs) });
        return;
      }
      const c = colorsFor(io);
      const zone = zoneOf(catalog);
      // Stryker disable next-line OptionalChaining: equivalent: the plan was checked against the catalog's tiers
      printTotals(io, s, c, zone, (tier) => catalog.tiers[tier]?.name);
      printWindows(io, s);
      printDays(io, s);
      printChart(io, s.periods, c, zone);
      const unbilled = notBilledText(logs);
      if (unbilled !== null) line(io, c.yellow(unbilled));
    });
};

function printTotals(
  io: CliIo,
  s: Simulation,
  c: Colors,
  zone: string,
  catalogName: (tier: string) => string | undefined,
): void {
  const planName = s.plan === "none" ? "Credits only" : (catalogName(s.plan) ?? s.plan);
  const span =
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: from and until are null together (no usage)
    s.from === null || s.until === null
      ? "no usage"
      : `${when(Date.parse(s.from), zone)} → ${when(Date.parse(s.until), zone)} (${zone})`;
  line(io, c.bold(`${planName}, credits ${s.credits}: ${s.usages.toLocaleString("en-US")} usages, ${span}`));
  // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
  const t = table([], ["left", "right"]);
  const charges = plural(s.subscriptionCharges, "charge");
  t.push(
    ["Total", c.bold(displayUsd(s.totalUsd))],
    ["Subscription", `${displayUsd(s.subscriptionUsd)} (${charges})`],
    [
      "Credits bought",
      `${displayCredits(s.creditsPurchased)} (${displayUsd(s.creditsPurchasedUsd)}, ${plural(s.purchases.length, "purchase")})`,
    ],
    ["List value of the usage", displayUsd(s.valueUsd)],
    ["Beyond quota (credits)", displayCredits(s.overflowCredits)],
    ["Paid by credits", displayCredits(s.creditsUsed)],
    [
      "Uncovered (credits)",
      calcNonZero(s.uncoveredCredits) ? c.red(displayCredits(s.uncoveredCredits)) : "0",
    ],
    ["Credits expired / left", `${displayCredits(s.creditsExpired)} / ${displayCredits(s.creditsLeft)}`],
  );
  line(io, t.toString());
}

const calcNonZero = (amount: string): boolean => amount !== "0";

function printWindows(io: CliIo, s: Simulation): void {
  if (s.windows.length === 0) return;
  // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
  const t = table(["Window", "Quota used", "Times full", "Time full"], ["left", "right", "right", "right"]);
  for (const w of s.windows)
    t.push([w.label, displayUnits(w.usedUnits), String(w.fullTimes), duration(w.fullMs)]);
  line(io, t.toString());
}

function printDays(io: CliIo, s: Simulation): void {
  if (s.days.length === 0) return;
  const t = table(
    ["Day", "Usages", "List value", "Quota (credits)", "Credits used", "Uncovered", "Bought"],
    // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
    ["left", "right", "right", "right", "right", "right", "right"],
  );
  for (const d of s.days) {
    t.push([
      d.date,
      d.usages.toLocaleString("en-US"),
      displayUsd(d.valueUsd),
      displayCredits(d.quotaCredits),
      displayCredits(d.creditsUsed),
      displayCredits(d.uncoveredCredits),
      displayCredits(d.creditsPurchased),
    ]);
  }
  line(io, t.toString());
}

/** One bar per 5-hour block (the first calendar window's blocks), the last ones with use. */
function printChart(io: CliIo, periods: readonly WindowPeriod[], c: Colors, zone: string): void {
  const first = periods[0];
  if (first === undefined) return;
  const blocks = periods.filter((p) => p.bucket === first.bucket && p.window === first.window);
  const shown = blocks.slice(-chartBlocksMax);
  const note = blocks.length > shown.length ? `, the last ${shown.length} of ${blocks.length}` : "";
  line(io, c.bold(`${first.label} blocks with use${note} (${zone}): used against the limit`));
  for (const p of shown) {
    const full = p.fullAt === null ? "" : c.red(`  full at ${when(Date.parse(p.fullAt), zone).slice(11)}`);
    line(
      io,
      `${when(Date.parse(p.start), zone)}  ${bar(p.usedPercent, 30, c)} ${percent(p.usedPercent).padStart(6)}  ${displayUnits(p.usedUnits)}/${displayUnits(p.limitUnits)}${full}`,
    );
  }
}

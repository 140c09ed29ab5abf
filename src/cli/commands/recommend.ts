/** `token-plan recommend <file|folder…>`: which plan is cheapest for these logs, and why. */
import { recommendPlan } from "../../index";
import { colorsFor, displayCredits, displayUsd, line, printJson, table, when, zoneOf } from "../format";
import { creditsOption } from "../options";
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

export const registerRecommend: RegisterCommand = (cli, { io }) => {
  withLogOptions(
    cli.command("recommend [...paths]", "Rank every plan by what these usage logs would have cost"),
  )
    .option("--credits <strategy>", "How credits are bought: as-needed, none or a package such as usd-25", {
      default: "as-needed",
    })
    .example("token-plan recommend ~/.claude/projects --catalog china")
    .action(async (paths: string[], flags: Flags) => {
      const { catalog, logs } = await loadLogs(paths, flags, io);
      const credits = creditsOption(flags.credits, catalog);
      const progress = new Progress(io);
      progress.note(`replaying ${logs.usages.length.toLocaleString("en-US")} usages on every plan…`);
      const recommended = recommendPlan(logs.usages, { catalog, credits });
      progress.done();
      // Stryker disable next-line ConditionalExpression: equivalent: the CLI checked the plan and the credits, which is all recommendPlan refuses for usages a reader made
      if (!recommended.ok) refused(recommended.error);
      const r = recommended.value;
      if (flags.json === true) {
        printJson(io, {
          catalog: r.catalog,
          credits: r.credits,
          usages: r.usages,
          from: r.from,
          until: r.until,
          plans: r.plans,
          cheapest: r.cheapest,
          ...readSummary(logs),
        });
        return;
      }
      const c = colorsFor(io);
      const zone = zoneOf(catalog);
      const span =
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: from and until are null together (no usage)
        r.from === null || r.until === null
          ? "no usage"
          : `${when(Date.parse(r.from), zone)} → ${when(Date.parse(r.until), zone)} (${zone})`;
      line(
        io,
        c.bold(`${r.usages.toLocaleString("en-US")} usages, ${span}; credits ${r.credits}; ${catalog.name}`),
      );
      const t = table(
        ["#", "Plan", "Total", "Plan cost", "Credits bought", "Beyond quota"],
        // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
        ["right", "left", "right", "right", "right", "right"],
      );
      r.plans.forEach((p, index) => {
        const first = index === 0;
        t.push([
          String(index + 1),
          first ? c.green(c.bold(p.name)) : p.name,
          first ? c.green(c.bold(displayUsd(p.totalUsd))) : displayUsd(p.totalUsd),
          displayUsd(p.subscriptionUsd),
          `${displayCredits(p.creditsPurchased)} (${displayUsd(p.creditsPurchasedUsd)})`,
          `${displayCredits(p.overflowCredits)} credits`,
        ]);
      });
      line(io, t.toString());
      r.plans.forEach((p, index) => {
        line(io, `${index + 1}. ${p.reason}`);
      });
      const cheapest = r.plans[0];
      // Stryker disable next-line ConditionalExpression: equivalent: the ranking always holds every tier and credits only
      if (cheapest !== undefined)
        line(io, `Cheapest: ${c.green(c.bold(cheapest.name))} at ${displayUsd(cheapest.totalUsd)}`);
      const unbilled = notBilledText(logs);
      if (unbilled !== null) line(io, c.yellow(unbilled));
    });
};

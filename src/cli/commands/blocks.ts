/** `token-plan blocks <file|folder…> --plan max`: each 5-hour block and each week, used against its limit. */
import { simulate, type WindowPeriod } from "../../index";
import {
  bar,
  colorsFor,
  displayUnits,
  duration,
  line,
  percent,
  printJson,
  table,
  when,
  zoneOf,
} from "../format";
import { creditsOption, instantOption, planOption } from "../options";
import { type Flags, loadLogs, type RegisterCommand, readSummary, refused, withLogOptions } from "./shared";

export const registerBlocks: RegisterCommand = (cli, { io }) => {
  withLogOptions(
    cli.command("blocks [...paths]", "Each 5-hour block and each week: used, limit, percent, reset"),
  )
    .option("--plan <tier>", "The plan whose limits apply: plus, max, ultra")
    .option("--credits <strategy>", "How credits are bought (does not change the blocks)", {
      default: "none",
    })
    .option("--now <instant>", "The instant countdowns count from (default: the clock)")
    .action(async (paths: string[], flags: Flags) => {
      const { catalog, logs } = await loadLogs(paths, flags, io);
      const plan = planOption(flags.plan, catalog);
      const credits = creditsOption(flags.credits, catalog);
      const nowMs = instantOption("now", flags.now, io.nowMs());
      const simulated = simulate(logs.usages, { catalog, plan, credits });
      // Stryker disable next-line ConditionalExpression: equivalent: the CLI checked the plan and the credits, which is all simulate refuses for usages a reader made
      if (!simulated.ok) refused(simulated.error);
      const s = simulated.value;
      const windows = s.windows.map((w) => ({
        bucket: w.bucket,
        window: w.window,
        label: w.label,
        blocks: s.periods
          .filter((p) => p.bucket === w.bucket && p.window === w.window)
          .map((p) => withCountdown(p, nowMs)),
      }));
      if (flags.json === true) {
        printJson(io, {
          plan: s.plan,
          catalog: s.catalog,
          now: new Date(nowMs).toISOString(),
          windows,
          ...readSummary(logs),
        });
        return;
      }
      const c = colorsFor(io);
      const zone = zoneOf(catalog);
      for (const w of windows) {
        if (w.blocks.length === 0) continue;
        line(io, c.bold(`${w.label} (${zone})`));
        const t = table(
          ["Block", "Used", "Limit", "%", "", "Reset"],
          // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
          ["left", "right", "right", "right", "left", "left"],
        );
        for (const b of w.blocks) {
          const reset =
            b.resetsInMs === null
              ? when(Date.parse(b.end), zone)
              : c.cyan(`in ${duration(b.resetsInMs)} (${when(Date.parse(b.end), zone)})`);
          const full =
            b.fullAt === null ? "" : c.red(` full at ${when(Date.parse(b.fullAt), zone).slice(11)}`);
          t.push([
            `${when(Date.parse(b.start), zone)}${b.running ? c.cyan(" ← now") : ""}`,
            displayUnits(b.usedUnits),
            displayUnits(b.limitUnits),
            percent(b.usedPercent),
            bar(b.usedPercent, 20, c) + full,
            reset,
          ]);
        }
        line(io, t.toString());
      }
      if (windows.length === 0) line(io, "No quota windows: this plan has no quota (credits only).");
    });
};

/** A block with whether it is running at `nowMs` and, if so, the time left until it resets. */
function withCountdown(p: WindowPeriod, nowMs: number) {
  const start = Date.parse(p.start);
  const end = Date.parse(p.end);
  const running = start <= nowMs && nowMs < end;
  return { ...p, running, resetsInMs: running ? end - nowMs : null };
}

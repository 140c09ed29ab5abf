import type { CompiledWindow, WindowShape } from "../../src/catalog";
import type { Scaled } from "../../src/money";

export const H = 3_600_000;
export const atoms = (units: number | bigint): Scaled<"quota"> =>
  (BigInt(units) * 10n ** 12n) as Scaled<"quota">;
export const ms = (iso: string): number => Date.parse(iso);

export function window(
  shape: WindowShape,
  limit: number,
  boosts: CompiledWindow["boosts"] = [],
): CompiledWindow {
  return { id: "w", label: "test", shape, limit: atoms(limit), boosts };
}

export const fiveHourUtc: WindowShape = {
  kind: "calendar",
  calendar: {
    every: "day",
    cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"],
    weekStartsOn: 1,
    timeZone: "UTC",
  },
};
export const mondayWeekUtc: WindowShape = {
  kind: "calendar",
  calendar: { every: "week", cuts: ["00:00"], weekStartsOn: 1, timeZone: "UTC" },
};

/**
 * fast-check arbitraries for usage-API payloads, from the documented field names:
 * rows whose fields are present or not, numbers or numeric strings, biased to the edges
 * (0, the total, 100 %, status 3, boosts in every spelling, times of 0), and payloads
 * built from a catalog's own blocks and limits.
 */
import fc from "fast-check";
import { dayMs, hourMs } from "../support/arbitraries";

const windowKinds = ["interval", "weekly"] as const;

/** The documented field names of each window. */
export const windowFields = {
  interval: {
    start: "start_time",
    end: "end_time",
    remains: "remains_time",
    total: "current_interval_total_count",
    usage: "current_interval_usage_count",
    percent: "current_interval_remaining_percent",
    status: "current_interval_status",
  },
  weekly: {
    start: "weekly_start_time",
    end: "weekly_end_time",
    remains: "weekly_remains_time",
    total: "current_weekly_total_count",
    usage: "current_weekly_usage_count",
    percent: "current_weekly_remaining_percent",
    status: "current_weekly_status",
  },
} as const;

/** Every spelling of a window's boost. */
export const boostSpellings = (kind: "interval" | "weekly") => [
  `${kind}_boost_permille`,
  `${kind}_boost_permill`,
  `current_${kind}_boost_permille`,
  `current_${kind}_boost_permill`,
];

/** Every field name a row may carry. */
export const rowFieldNames: readonly string[] = [
  "model_name",
  ...windowKinds.flatMap((kind) => [...Object.values(windowFields[kind]), ...boostSpellings(kind)]),
];

/** A number, or the same number as a string. */
const numberOrString = (n: fc.Arbitrary<number>) =>
  fc.tuple(n, fc.boolean()).map(([value, asString]) => (asString ? String(value) : value));

/** Times near June 2026, biased to 0 (absent). */
const epoch = fc.oneof(fc.constant(0), fc.integer({ min: 1_776_000_000_000, max: 1_790_000_000_000 }));

/** A value a documented field may well hold: valid for its kind, often at the edges. */
function plausible(field: string): fc.Arbitrary<unknown> {
  if (field === "model_name")
    return fc.constantFrom("general", "video", "MiniMax-M2.7", "image-01", "speech-02-hd");
  if (field.includes("boost"))
    return numberOrString(fc.constantFrom(1, 500, 1000, 1250, 1500, 2000, 1_000_000));
  if (field.endsWith("status")) return numberOrString(fc.constantFrom(1, 2, 3, 0, 4));
  if (field.endsWith("percent"))
    return numberOrString(fc.oneof(fc.constantFrom(0, 1, 50, 99, 100), fc.integer({ min: 0, max: 100 })));
  if (field.endsWith("count"))
    return numberOrString(
      fc.oneof(fc.constantFrom(0, 1, 3, 120, 4500, 45000), fc.integer({ min: 0, max: 100_000 })),
    );
  if (field.includes("remains_time")) return numberOrString(fc.integer({ min: 0, max: 7 * dayMs }));
  return numberOrString(epoch);
}

/** Anything a broken provider (or a proxy) might put in a field. */
const wild: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    "",
    "-1",
    "1e3",
    "abc",
    "  7 ",
    "0x10",
    true,
    [],
    {},
    -0,
    1.5,
    1e21,
    -1,
    2 ** 53,
    "١٢",
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A row with any subset of the documented fields, each plausible (or, with `wildness`, anything). */
export function rowArb(wildness = 0): fc.Arbitrary<Record<string, unknown>> {
  const value = (field: string) =>
    wildness > 0
      ? fc.oneof(
          { weight: 10 - wildness, arbitrary: plausible(field) },
          { weight: wildness, arbitrary: wild },
        )
      : plausible(field);
  const fields = Object.fromEntries(rowFieldNames.map((field) => [field, value(field)]));
  return fc.record(fields, { requiredKeys: ["model_name"] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A payload of rows with distinct names, with or without base_resp, bare or in `data`. */
export function payloadArb(wildness = 0): fc.Arbitrary<unknown> {
  return fc
    .record({
      rows: fc.uniqueArray(rowArb(wildness), { maxLength: 5, selector: (row) => row.model_name }),
      base: fc.oneof(
        fc.constant(undefined),
        fc.constant({ status_code: 0, status_msg: "success" }),
        fc.constant({ status_code: "0" }),
      ),
      wrapped: fc.boolean(),
      extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    })
    .map(({ rows, base, wrapped, extra }) => {
      const body = { ...extra, model_remains: rows, ...(base === undefined ? {} : { base_resp: base }) };
      return wrapped ? { data: body } : body;
    });
}

/** The block [start, end) of the global (UTC) or China (UTC+8) calendar holding `t`. */
export function blockAt(
  window: "5h" | "weekly" | "daily",
  t: number,
  offsetHours: 0 | 8,
): readonly [number, number] {
  const shift = offsetHours * hourMs;
  const local = t + shift;
  const dayStart = Math.floor(local / dayMs) * dayMs;
  let start: number;
  let end: number;
  if (window === "5h") {
    start = dayStart + Math.floor((local - dayStart) / (5 * hourMs)) * 5 * hourMs;
    end = Math.min(start + 5 * hourMs, dayStart + dayMs);
  } else if (window === "weekly") {
    start = dayStart - ((new Date(dayStart).getUTCDay() + 6) % 7) * dayMs;
    end = start + 7 * dayMs;
  } else {
    start = dayStart;
    end = dayStart + dayMs;
  }
  return [start - shift, end - shift];
}

/**
 * Invalid catalogs, through defineCatalog (a JSON copy of the default catalog with one
 * thing broken per row) and extendCatalog (a patch on the frozen default catalog).
 */
import { describe, it } from "vitest";
import {
  type CatalogInput,
  type CatalogPatch,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
} from "../../src";
import { catalogDraft, deepFreeze, del, dig, expectRefusal, type Row, set } from "./support";

type Mutation = (draft: unknown) => void;

const plus = ["tiers", "plus"];
const m3 = ["resources", "MiniMax-M3"];
const fiveHour = ["buckets", "general", "windows", "5h"];
const weekly = ["buckets", "general", "windows", "weekly"];
const plus5h = [...plus, "limits", "general", "5h"];
const boost = (from: unknown, until: unknown) => ({
  units: "6.596",
  boosts: [{ from, until, permille: 2000 }],
});
const sliding = (duration: unknown, resolution?: unknown) => ({
  label: "weekly",
  kind: "sliding",
  duration,
  ...(resolution === undefined ? {} : { resolution }),
});
const manyTiers: Mutation = (draft) => {
  const tiers = dig(draft, ["tiers"]);
  for (let i = 0; i < 254; i++) tiers[`t${i}`] = tiers.plus;
};
const manyBoosts: Mutation = set(plus5h, {
  units: "6.596",
  boosts: Array.from({ length: 65 }, (_, i) => ({ from: i * 2000, until: i * 2000 + 1000, permille: 2000 })),
});

// biome-ignore format: one table row per line
const wrongTypes: Row<Mutation>[] = [
  ["catalog id: number", set(["id"], 5), "invalid_catalog", ["id"], /string/],
  ["tier name: null", set([...plus, "name"], null), "invalid_catalog", [...plus, "name"], /string/],
  ["tiers: array", set(["tiers"], []), "invalid_catalog", ["tiers"], /record|object/],
  ["buckets: null", set(["buckets"], null), "invalid_catalog", ["buckets"], /record|object/],
  ["price: null", set([...plus, "monthlyPriceUsd"], null), "invalid_catalog", [...plus, "monthlyPriceUsd"], /decimal amount/],
  ["price: boolean", set([...plus, "monthlyPriceUsd"], true), "invalid_catalog", [...plus, "monthlyPriceUsd"], /decimal amount/],
  ["price: array", set([...plus, "monthlyPriceUsd"], ["20"]), "invalid_catalog", [...plus, "monthlyPriceUsd"], /decimal amount/],
  ["per: string for number", set([...m3, "prices", "inputTokens", "per"], "1000000"), "invalid_catalog", [...m3, "prices", "inputTokens", "per"], /number/],
  ["per: 1.5", set([...m3, "prices", "inputTokens", "per"], 1.5), "invalid_catalog", [...m3, "prices", "inputTokens", "per"], /whole number, got 1.5/],
  ["cuts: string", set([...fiveHour, "cuts"], "00:00"), "invalid_catalog", [...fiveHour, "cuts"], /array/],
  ["timeZone: number", set([...fiveHour, "timeZone"], 8), "invalid_catalog", [...fiveHour, "timeZone"], /IANA time zone/],
  ["duration: number", set(weekly, sliding(5)), "invalid_catalog", [...weekly, "duration"], /ISO-8601 duration/],
  ["creditsEligible: string", set([...m3, "creditsEligible"], "yes"), "invalid_catalog", [...m3, "creditsEligible"], /boolean/],
];

// biome-ignore format: one table row per line
const missingFields: Row<Mutation>[] = [
  ["missing id", del(["id"]), "invalid_catalog", ["id"], /string/],
  ["missing tier price", del([...plus, "monthlyPriceUsd"]), "invalid_catalog", [...plus, "monthlyPriceUsd"], /decimal amount/],
  ["missing tier limit for a window", del([...plus, "limits", "general", "weekly"]), "invalid_catalog", [...plus, "limits", "general", "weekly"], /must set a limit for window "weekly"/],
  ["missing window time zone", del([...fiveHour, "timeZone"]), "invalid_catalog", [...fiveHour, "timeZone"], /IANA time zone/],
  ["missing serviceTiers.standard", del(["serviceTiers", "standard"]), "invalid_catalog", ["serviceTiers", "standard"], /standard must be "1"/],
  ["resource without any price", set([...m3, "prices"], {}), "invalid_catalog", [...m3, "prices"], /no price/],
  ["bucket without windows", set(["buckets", "video", "windows"], {}), "invalid_catalog", ["buckets", "video", "windows"], /at least one window/],
];

// biome-ignore format: one table row per line
const extraFields: Row<Mutation>[] = [
  ["unknown top-level field", set(["color"], "red"), "invalid_catalog", ["color"], /color/],
  ["unknown tier field", set([...plus, "color"], "red"), "invalid_catalog", [...plus, "color"], /color/],
  ["price for an unknown measure", set([...m3, "prices", "fooTokens"], { usd: "1", per: 1 }), "invalid_catalog", [...m3, "prices", "fooTokens"], /fooTokens/],
  ["limit for a window the bucket lacks", set([...plus, "limits", "general", "monthly"], "1"), "invalid_catalog", [...plus, "limits", "general", "monthly"], /no window "monthly"/],
];

// biome-ignore format: one table row per line
const badValues: Row<Mutation>[] = [
  ["catalog id with a space", set(["id"], "my plan"), "invalid_catalog", ["id"], /letters, digits/],
  ["tier key with a space", set(["tiers", "bad key"], {}), "invalid_catalog", ["tiers", "bad key"], /key/],
  ["price: negative", set([...plus, "monthlyPriceUsd"], "-20"), "invalid_amount", [...plus, "monthlyPriceUsd"], /non-negative/],
  ["price: NaN", set([...plus, "monthlyPriceUsd"], Number.NaN), "invalid_amount", [...plus, "monthlyPriceUsd"], /finite|NaN/],
  ["price: Infinity", set([...plus, "monthlyPriceUsd"], Number.POSITIVE_INFINITY), "invalid_amount", [...plus, "monthlyPriceUsd"], /finite|Infinity/],
  ['price: "1e400"', set([...plus, "monthlyPriceUsd"], "1e400"), "invalid_amount", [...plus, "monthlyPriceUsd"], /plain decimal/],
  ['price: "1e-7"', set([...plus, "monthlyPriceUsd"], "1e-7"), "invalid_amount", [...plus, "monthlyPriceUsd"], /plain decimal/],
  ['price: "12.3.4"', set([...plus, "monthlyPriceUsd"], "12.3.4"), "invalid_amount", [...plus, "monthlyPriceUsd"], /plain decimal/],
  ["price: 13 decimal places", set([...plus, "monthlyPriceUsd"], "0.0000000000001"), "amount_scale_exceeded", [...plus, "monthlyPriceUsd"], /12/],
  ["price: 10^18", set([...plus, "monthlyPriceUsd"], "1000000000000000000"), "invalid_amount", [...plus, "monthlyPriceUsd"], /10\^18/],
  ["package credits: negative", set(["credits", "packages", "usd-5", "credits"], "-5000"), "invalid_amount", ["credits", "packages", "usd-5", "credits"], /non-negative/],
  ["limit: negative", set(plus5h, "-1"), "invalid_amount", plus5h, /non-negative/],
  ["limit: 13 decimal places", set(plus5h, "0.0000000000001"), "amount_scale_exceeded", plus5h, /12/],
  ["serviceTiers.standard not 1", set(["serviceTiers", "standard"], "2"), "invalid_catalog", ["serviceTiers", "standard"], /standard must be "1"/],
  ["agents.min > agents.max", set([...plus, "agents"], { min: 5, max: 3 }), "invalid_catalog", [...plus, "agents", "max"], /agents.min must not exceed agents.max/],
  ["agents.min negative", set([...plus, "agents"], { min: -1, max: 3 }), "invalid_catalog", [...plus, "agents", "min"], /at least 0, got -1/],
  ["boost ending before it starts", set(plus5h, boost("2026-07-01T00:00:00Z", "2026-06-01T00:00:00Z")), "invalid_catalog", [...plus5h, "boosts", 0, "until"], /end after it starts/],
  ["boost ending when it starts", set(plus5h, boost("2026-07-01T00:00:00Z", "2026-07-01T00:00:00Z")), "invalid_catalog", [...plus5h, "boosts", 0, "until"], /end after it starts/],
  ["boost from a date without time", set(plus5h, boost("2026-07-01", "2026-08-01T00:00:00Z")), "invalid_instant", [...plus5h, "boosts", 0, "from"], /date alone/],
  ["cuts not ascending", set([...fiveHour, "cuts"], ["05:00", "00:00"]), "invalid_catalog", [...fiveHour, "cuts", 1], /ascending/],
  ["cut not HH:mm", set([...fiveHour, "cuts"], ["00:00", "5:00"]), "invalid_catalog", [...fiveHour, "cuts", 1], /HH:mm/],
  ["no cuts", set([...fiveHour, "cuts"], []), "invalid_catalog", [...fiveHour, "cuts"], /1 to 48/],
  ["unknown window kind", set([...weekly, "kind"], "rolling"), "invalid_catalog", [...weekly, "kind"], /calendar.*sliding.*session/],
  ["unknown rounding mode", set(["rounding", "usageValue", "mode"], "bankers"), "invalid_catalog", ["rounding", "usageValue", "mode"], /half-even/],
  ["rounding places 13", set(["rounding", "usageValue", "places"], 13), "invalid_catalog", ["rounding", "usageValue", "places"], /12/],
  ["validity of 0 days", set(["credits", "validity", "days"], 0), "invalid_catalog", ["credits", "validity", "days"], /at least 1, got 0/],
  ['effectiveFrom: "2026-06-01"', set(["effectiveFrom"], "2026-06-01"), "invalid_instant", ["effectiveFrom"], /date alone/],
  ["effectiveFrom: year 10000", set(["effectiveFrom"], "10000-01-01T00:00:00Z"), "invalid_instant", ["effectiveFrom"], /ISO-8601/],
];

// biome-ignore format: one table row per line
const zonesAndDurations: Row<Mutation>[] = [
  ["window time zone Mars/Olympus", set([...fiveHour, "timeZone"], "Mars/Olympus"), "invalid_time_zone", [...fiveHour, "timeZone"], /IANA/],
  ['window time zone "UTC+15"', set([...fiveHour, "timeZone"], "UTC+15"), "invalid_time_zone", [...fiveHour, "timeZone"], /IANA/],
  ["billing time zone Mars/Olympus", set(["subscription", "billingTimeZone"], "Mars/Olympus"), "invalid_time_zone", ["subscription", "billingTimeZone"], /IANA/],
  ["validity time zone Mars/Olympus", set(["credits", "validity"], { rule: "calendar-days", days: 30, timeZone: "Mars/Olympus" }), "invalid_time_zone", ["credits", "validity", "timeZone"], /IANA/],
  ['sliding duration "P1M"', set(weekly, sliding("P1M")), "invalid_duration", [...weekly, "duration"], /ISO-8601 duration/],
  ['sliding duration "P1Y"', set(weekly, sliding("P1Y")), "invalid_duration", [...weekly, "duration"], /ISO-8601 duration/],
  ['sliding duration "PT0S"', set(weekly, sliding("PT0S")), "invalid_duration", [...weekly, "duration"], /ISO-8601 duration/],
  ['sliding duration "5h"', set(weekly, sliding("5h")), "invalid_duration", [...weekly, "duration"], /ISO-8601 duration/],
  ['sliding resolution "P1M"', set(weekly, sliding("P7D", "P1M")), "invalid_duration", [...weekly, "resolution"], /ISO-8601 duration/],
  ['session duration "5h"', set(weekly, { label: "s", kind: "session", duration: "5h" }), "invalid_duration", [...weekly, "duration"], /ISO-8601 duration/],
];

// biome-ignore format: one table row per line
const unknownNames: Row<Mutation>[] = [
  ["resource on an unknown bucket", set([...m3, "bucket"], "audio"), "unknown_bucket", [...m3, "bucket"], /bucket "audio"/],
  ["tier limits for an unknown bucket", set([...plus, "limits", "audio"], { daily: "1" }), "unknown_bucket", [...plus, "limits", "audio"], /bucket "audio"/],
];

// biome-ignore format: one table row per line
const oversized: Row<Mutation>[] = [
  ["catalog id of 65 characters", set(["id"], "x".repeat(65)), "invalid_catalog", ["id"], /64/],
  ["257 tiers (catalogEntriesMax)", manyTiers, "limit_exceeded", ["tiers"], /256/],
  ["65 boosts on a window (boostsPerWindowMax)", manyBoosts, "limit_exceeded", [...plus5h, "boosts"], /64/],
];

const tables: [string, Row<Mutation>[]][] = [
  ["wrong types", wrongTypes],
  ["missing fields", missingFields],
  ["extra (unknown) fields", extraFields],
  ["bad values", badValues],
  ["time zones and durations", zonesAndDurations],
  ["unknown names", unknownNames],
  ["oversized", oversized],
];

describe.each(tables)("defineCatalog: %s", (_name, rows) => {
  it.each(rows)("refuses %s", (_label, mutate, code, path, hint) => {
    const draft = catalogDraft();
    mutate(draft);
    deepFreeze(draft);
    expectRefusal(() => defineCatalog(draft as unknown as CatalogInput), { code, path, hint });
  });
});

describe("defineCatalog: not a catalog at all", () => {
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["null", null, "invalid_catalog", [], /object/],
    ["an array", [], "invalid_catalog", [], /object/],
    ["a string", "minimax-token-plan-v2", "invalid_catalog", [], /object/],
    ["JSON text of a catalog", JSON.stringify(defaultCatalog), "invalid_catalog", [], /object/],
  ];
  it.each(rows)("refuses %s", (_label, input, code, path, hint) => {
    expectRefusal(() => defineCatalog(input as CatalogInput), { code, path, hint });
  });
});

describe("extendCatalog", () => {
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["patch: null", null, "invalid_catalog", [], /patch object/],
    ["patch: array", [], "invalid_catalog", [], /patch object/],
    ["patch: string", "max", "invalid_catalog", [], /patch object/],
    ["billing time zone Mars/Olympus", { subscription: { billingTimeZone: "Mars/Olympus" } }, "invalid_time_zone", ["subscription", "billingTimeZone"], /IANA/],
    ["unknown tier field", { tiers: { plus: { color: "red" } } }, "invalid_catalog", ["tiers", "plus", "color"], /color/],
    ["price with 13 decimal places", { tiers: { plus: { monthlyPriceUsd: "0.0000000000001" } } }, "amount_scale_exceeded", ["tiers", "plus", "monthlyPriceUsd"], /12/],
    ["agents.min raised above agents.max", { tiers: { plus: { agents: { min: 9 } } } }, "invalid_catalog", ["tiers", "plus", "agents", "max"], /agents.min/],
    ["a new tier missing its fields", { tiers: { mega: { name: "Mega" } } }, "invalid_catalog", ["tiers", "mega", "monthlyPriceUsd"], /decimal amount/],
    ["resource moved to an unknown bucket", { resources: { "MiniMax-M3": { bucket: "audio" } } }, "unknown_bucket", ["resources", "MiniMax-M3", "bucket"], /"audio"/],
    ["cuts not ascending", { buckets: { general: { windows: { "5h": { cuts: ["05:00", "00:00"] } } } } }, "invalid_catalog", [...fiveHour, "cuts", 1], /ascending/],
    ['sliding window of "P1M"', { buckets: { general: { windows: { weekly: sliding("P1M") } } } }, "invalid_duration", [...weekly, "duration"], /ISO-8601 duration/],
  ];
  it.each(rows)("refuses %s", (_label, patch, code, path, hint) => {
    deepFreeze(patch);
    expectRefusal(() => extendCatalog(defaultCatalog, patch as CatalogPatch), { code, path, hint });
  });
});

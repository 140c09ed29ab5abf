/**
 * `parseRemains`: the provider's usage-API payload → a {@link RemainsSnapshot}. The caller
 * fetches; the library parses. Bad or partial payloads are typed errors naming the
 * field; where the payload is well formed but leaves a meaning open, the snapshot says so
 * in its `notes`.
 */
import * as z from "zod/mini";
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import { instantMsField } from "../fields";
import { amountMaxUnits, amountScaleDigits } from "../limits";
import { err, ok, type Result } from "../result";
import { briefly, parseWith } from "../validation";
import { boostedTotal, type RawCounts, readEndpoint } from "./endpoint";
import {
  type BaseResp,
  baseRespSchema,
  knownRowFields,
  type RemainsRow,
  rowsSchema,
  windowFieldNames,
} from "./schema";
import type { RemainsBucket, RemainsEndpoint, RemainsNote, RemainsSnapshot } from "./snapshot";
import { normaliseWindow, rawCountsOf } from "./window";

/**
 * Options of {@link parseRemains}.
 *
 * @example
 * const options: ParseRemainsOptions = { endpoint: "current", receivedAt: "2026-06-04T14:10:00Z" };
 */
export interface ParseRemainsOptions {
  /**
   * The endpoint that answered: `"current"` (`/v1/token_plan/remains`, the usage count is
   * the count used) or `"legacy"` (`/v1/api/openplatform/coding_plan/remains`, the
   * count remaining). Left out, the payload's own figures decide where they can, and the
   * snapshot's notes say where they cannot.
   */
  readonly endpoint?: RemainsEndpoint;
  /** When the payload was received: turns a bare `remains_time` into a reset instant. */
  readonly receivedAt?: string | number;
}

const optionsSchema = z.strictObject(
  {
    endpoint: z.optional(z.enum(["current", "legacy"], { error: 'Expected endpoint "current" or "legacy"' })),
    receivedAt: z.optional(instantMsField),
  },
  { error: 'Expected options as an object such as { endpoint: "current" }' },
);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Known provider status codes, for a message a person can act on. */
const providerHints: Readonly<Record<number, string>> = {
  1004: "an authentication failure: check the API key sent as the Bearer token",
  2056: "a usage limit was reached",
};

/** The object holding `model_remains` (the payload, or its `data` on web paths) and its path. */
function locateBody(json: Record<string, unknown>): { body: Record<string, unknown>; prefix: FieldPath } {
  if (!Object.hasOwn(json, "model_remains") && isRecord(json.data))
    return { body: json.data, prefix: ["data"] };
  return { body: json, prefix: [] };
}

/** The provider's own status: null when there is none; a typed error when it is not success. */
function readProvider(
  json: Record<string, unknown>,
  body: Record<string, unknown>,
  prefix: FieldPath,
): Result<BaseResp | null, LedgerError> {
  const inBody = Object.hasOwn(body, "base_resp") && body.base_resp != null;
  const raw = inBody ? body.base_resp : json.base_resp;
  if (raw === undefined || raw === null) return ok(null);
  const parsed = parseWith(baseRespSchema, raw, "invalid_input", [...(inBody ? prefix : []), "base_resp"]);
  if (!parsed.ok) return parsed;
  const { status_code: code, status_msg: message } = parsed.value;
  if (code === 0) return parsed;
  const hint = providerHints[code];
  return err(
    ledgerError(
      "provider_error",
      `The provider refused the request: status ${code}${message == null ? "" : ` ${briefly(message)}`}${hint === undefined ? "" : ` (${hint})`}.`,
      [...(inBody ? prefix : []), "base_resp", "status_code"],
      { statusCode: code, statusMessage: message ?? null },
    ),
  );
}

/** Fields not read, kept as they came. */
function unknownOf(record: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !known.has(key)));
}

const knownBodyFields: ReadonlySet<string> = new Set(["model_remains", "base_resp"]);

/**
 * Reads the provider's usage-API payload (`GET /v1/token_plan/remains`, or the legacy
 * `/v1/api/openplatform/coding_plan/remains`; bare, or wrapped in `data`; as parsed JSON
 * or as its text) into a normalised snapshot: every bucket with its interval and weekly
 * window (limit, used, remaining, used percent of the boosted total, start, end, reset,
 * status). A `base_resp.status_code` other than 0 (1004: an auth failure sent with HTTP
 * 200) is a `provider_error` carrying the provider's code and message; a malformed field
 * is a typed error naming it. Never throws.
 *
 * @example
 * const r = parseRemains({
 *   model_remains: [{ model_name: "general", current_interval_total_count: 0, current_interval_usage_count: 0,
 *     current_interval_remaining_percent: 63, current_interval_status: 1 }],
 *   base_resp: { status_code: 0, status_msg: "success" },
 * });
 * r.ok && r.value.buckets[0].interval.usedPercent; //=> "37"
 * r.ok && r.value.buckets[0].weekly.status; //=> "unknown"
 */
export function parseRemains(
  json: unknown,
  options: ParseRemainsOptions = {},
): Result<RemainsSnapshot, LedgerError> {
  let payload = json;
  if (typeof json === "string") {
    try {
      payload = JSON.parse(json);
    } catch {
      return err(
        ledgerError("invalid_input", "The remains payload is not valid JSON (truncated or not JSON?).", []),
      );
    }
  }
  if (!isRecord(payload)) {
    return err(
      ledgerError(
        "invalid_input",
        `Expected the remains payload as an object such as { model_remains: [...], base_resp: {...} }, got ${briefly(payload)}.`,
        [],
      ),
    );
  }
  const { body, prefix } = locateBody(payload);
  const provider = readProvider(payload, body, prefix);
  if (!provider.ok) return provider;
  const settings = parseWith(optionsSchema, options, "invalid_input");
  if (!settings.ok) return settings;
  const rowsPath = [...prefix, "model_remains"];
  const rows = readRows(body, rowsPath);
  if (!rows.ok) return rows;

  const rawRows = body.model_remains as readonly unknown[];
  const rowPath = (i: number): FieldPath => [...rowsPath, i];
  const counts = rows.value.map((row, i) => ({
    interval: rawCountsOf(row, "interval", rowPath(i)),
    weekly: rawCountsOf(row, "weekly", rowPath(i)),
  }));
  const pastMax = boostedTotalPastMax(counts, rowPath);
  if (pastMax !== null) return err(pastMax);
  const reading = readEndpoint(
    counts.flatMap((row) => [row.interval, row.weekly]),
    settings.value.endpoint,
  );
  const notes: RemainsNote[] = [...reading.notes];
  const buckets = rows.value.map((row, i): RemainsBucket => {
    const context = {
      endpoint: reading.endpoint,
      receivedAtMs: settings.value.receivedAt ?? null,
      path: rowPath(i),
    };
    const interval = normaliseWindow(row, { ...context, kind: "interval", intervalStatus: null });
    const weekly = normaliseWindow(row, {
      ...context,
      kind: "weekly",
      intervalStatus: interval.window.status,
    });
    notes.push(...interval.notes, ...weekly.notes);
    return {
      name: row.model_name,
      interval: interval.window,
      weekly: weekly.window,
      // From the row as sent: zod's copy drops a "__proto__" key, which is still a field.
      unknownFields: unknownOf(rawRows[i] as Record<string, unknown>, knownRowFields),
    };
  });
  const wrapperFields = prefix.length > 0 ? unknownOf(payload, new Set(["data", "base_resp"])) : {};
  return ok({
    endpoint: reading.endpoint,
    endpointSource: reading.source,
    buckets,
    provider:
      provider.value === null
        ? null
        : { statusCode: provider.value.status_code, statusMessage: provider.value.status_msg ?? null },
    notes,
    unknownFields: { ...wrapperFields, ...unknownOf(body, knownBodyFields) },
  });
}

/** The largest boosted total a snapshot can carry: an amount below 10^18 units. */
const atomsPerUnit = 10n ** BigInt(amountScaleDigits);
const boostedTotalMaxAtoms = amountMaxUnits * atomsPerUnit;

/**
 * The first window whose total, boosted, is past the largest amount (a total near 10^18
 * with a boost of up to 1000×), as a refusal at its total; else null.
 */
function boostedTotalPastMax(
  counts: readonly Readonly<Record<"interval" | "weekly", RawCounts>>[],
  rowPath: (i: number) => FieldPath,
): LedgerError | null {
  for (let i = 0; i < counts.length; i++) {
    for (const kind of ["interval", "weekly"] as const) {
      const window = (counts[i] as (typeof counts)[number])[kind];
      const limit = boostedTotal(window);
      if (limit === null || limit < boostedTotalMaxAtoms) continue;
      const field = windowFieldNames[kind].total;
      return ledgerError(
        "invalid_amount",
        `The ${kind} total ${window.total} with a boost of ${window.boostPermille} per mille is ${limit / atomsPerUnit} units, past the largest amount (below 10^18).`,
        [...rowPath(i), field],
        { field, boostPermille: window.boostPermille },
      );
    }
  }
  return null;
}

/** The rows of `model_remains`, validated: present, well formed, one per name. */
function readRows(
  body: Record<string, unknown>,
  rowsPath: FieldPath,
): Result<readonly RemainsRow[], LedgerError> {
  if (body.model_remains === undefined || body.model_remains === null) {
    return err(
      ledgerError(
        "invalid_input",
        `The payload has no model_remains list${rowsPath.length > 1 ? " in data" : ""}: expected the body of /v1/token_plan/remains.`,
        rowsPath,
      ),
    );
  }
  const rows = parseWith(rowsSchema, body.model_remains, "invalid_input", rowsPath);
  if (!rows.ok) return rows;
  const duplicate = firstDuplicate(rows.value);
  if (duplicate === null) return rows;
  return err(
    ledgerError(
      "invalid_input",
      // Stryker disable next-line OptionalChaining: equivalent: firstDuplicate returns the index of a row
      `Two rows are named ${briefly(rows.value[duplicate]?.model_name)}: each bucket has one row.`,
      [...rowsPath, duplicate, "model_name"],
    ),
  );
}

function firstDuplicate(rows: readonly RemainsRow[]): number | null {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const name = (rows[i] as RemainsRow).model_name;
    if (seen.has(name)) return i;
    seen.add(name);
  }
  return null;
}

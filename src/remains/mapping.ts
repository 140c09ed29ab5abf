/**
 * Which catalog window each payload window stands for.
 *
 * Rows to buckets: a row named like a catalog bucket (`general`, `video`) is that
 * bucket; a row named like a catalog resource (the per-model rows of the older rules:
 * `MiniMax-M2.7`, `image-01`) is the resource's bucket; names are matched exactly first,
 * then ignoring case. The first row to claim a bucket keeps it.
 *
 * Windows by kind: `weekly` is the bucket's first window that spans a week (a calendar
 * week, or a sliding or session window of 7 days); `interval` is its first other window
 * (the 5-hour block, or the day for video). Both are overridable with a
 * {@link RemainsMapping}.
 */
import * as z from "zod/mini";
import { type Catalog, compiledOf, type WindowShape } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { err, ok, type Result } from "../result";
import type { RemainsBucket, RemainsWindow, RemainsWindowKind } from "./snapshot";

/**
 * How payload rows and windows map to a catalog's buckets and windows, where the default
 * (by name, then by kind) is not what you want.
 *
 * @example
 * const mapping: RemainsMapping = {
 *   buckets: { "MiniMax-M2.7": "general", "speech-02-hd": null }, // null: ignore the row
 *   windows: { general: { interval: "5h", weekly: null } },
 * };
 */
export interface RemainsMapping {
  /** Payload row name → catalog bucket id, or null to ignore the row. */
  readonly buckets?: Readonly<Record<string, string | null>>;
  /** Catalog bucket id → the catalog window each payload window stands for (null: none). */
  readonly windows?: Readonly<
    Record<string, { readonly interval?: string | null; readonly weekly?: string | null }>
  >;
}

const idOrNull = z.nullable(z.string({ error: "Expected a catalog id (a string) or null" }));

/** The schema of a {@link RemainsMapping}. */
export const mappingSchema = z.strictObject(
  {
    buckets: z.optional(z.record(z.string(), idOrNull)),
    windows: z.optional(
      z.record(z.string(), z.strictObject({ interval: z.optional(idOrNull), weekly: z.optional(idOrNull) })),
    ),
  },
  { error: 'Expected a mapping such as { buckets: { general: "general" } }' },
);

/** A payload window paired with the catalog window it stands for. */
export interface MappedWindow {
  readonly bucket: string;
  readonly window: string;
  readonly kind: RemainsWindowKind;
  readonly row: RemainsBucket;
  readonly remains: RemainsWindow;
}

/** Something the mapping could not pair, and why. */
export interface Unmapped {
  readonly bucket: string | null;
  readonly window: string | null;
  readonly row: string | null;
  readonly reason: string;
}

/** The whole pairing. */
export interface Pairing {
  readonly pairs: readonly MappedWindow[];
  readonly unmapped: readonly Unmapped[];
}

const weekMs = 7 * 24 * 3_600_000;

function spansWeek(shape: WindowShape): boolean {
  return shape.kind === "calendar" ? shape.calendar.every === "week" : shape.durationMs === weekMs;
}

/** The default catalog window of each kind for a bucket. */
function defaultWindows(
  shapes: ReadonlyMap<string, { readonly shape: WindowShape }>,
): Record<RemainsWindowKind, string | null> {
  const ids = [...shapes.keys()];
  const weekly = ids.find((id) => spansWeek((shapes.get(id) as { shape: WindowShape }).shape)) ?? null;
  return { weekly, interval: ids.find((id) => id !== weekly) ?? null };
}

/** The catalog bucket a row stands for by default, or null. */
function bucketByName(catalog: Catalog, name: string): string | null {
  const buckets = Object.keys(catalog.buckets);
  const resources = Object.entries(catalog.resources);
  const lower = name.toLowerCase();
  const byResource = (match: (id: string) => boolean) =>
    resources.find(([id, resource]) => match(id) && resource.bucket !== null)?.[1].bucket ?? null;
  return (
    buckets.find((id) => id === name) ??
    byResource((id) => id === name) ??
    buckets.find((id) => id.toLowerCase() === lower) ??
    byResource((id) => id.toLowerCase() === lower)
  );
}

/** Pairs every payload window with its catalog window, or a typed error for a mapping that names unknown ids. */
export function pairWindows(
  rows: readonly RemainsBucket[],
  catalog: Catalog,
  mapping: z.output<typeof mappingSchema>,
): Result<Pairing, LedgerError> {
  const shapes = compiledOf(catalog).bucketWindowShapes;
  for (const [name, bucket] of Object.entries(mapping.buckets ?? {})) {
    if (bucket !== null && !shapes.has(bucket)) {
      return err(
        ledgerError(
          "unknown_bucket",
          `The mapping sends row "${name}" to bucket "${bucket}", which catalog "${catalog.id}" does not define.`,
          ["mapping", "buckets", name],
          { bucket },
        ),
      );
    }
  }
  for (const [bucket, windows] of Object.entries(mapping.windows ?? {})) {
    const known = shapes.get(bucket);
    if (known === undefined) {
      return err(
        ledgerError(
          "unknown_bucket",
          `Catalog "${catalog.id}" has no bucket "${bucket}".`,
          ["mapping", "windows", bucket],
          {
            bucket,
          },
        ),
      );
    }
    for (const kind of ["interval", "weekly"] as const) {
      const id = windows[kind];
      if (id !== undefined && id !== null && !known.has(id)) {
        return err(
          ledgerError(
            "invalid_input",
            `Bucket "${bucket}" has no window "${id}"; it has ${[...known.keys()].join(", ")}.`,
            ["mapping", "windows", bucket, kind],
          ),
        );
      }
    }
  }

  const pairs: MappedWindow[] = [];
  const unmapped: Unmapped[] = [];
  const claimed = new Map<string, string>();
  for (const row of rows) {
    const chosen = Object.hasOwn(mapping.buckets ?? {}, row.name)
      ? // Stryker disable next-line OptionalChaining: equivalent: Object.hasOwn found the row's name in mapping.buckets
        (mapping.buckets?.[row.name] ?? null)
      : bucketByName(catalog, row.name);
    if (chosen === null) {
      unmapped.push({
        bucket: null,
        window: null,
        row: row.name,
        reason: "no catalog bucket or resource has this name",
      });
      continue;
    }
    const owner = claimed.get(chosen);
    if (owner !== undefined) {
      unmapped.push({
        bucket: chosen,
        window: null,
        row: row.name,
        reason: `bucket "${chosen}" is already paired with row "${owner}"`,
      });
      continue;
    }
    claimed.set(chosen, row.name);
    const bucketShapes = shapes.get(chosen) as ReadonlyMap<string, { readonly shape: WindowShape }>;
    const windows = { ...defaultWindows(bucketShapes), ...mapping.windows?.[chosen] };
    if (windows.interval != null && windows.interval === windows.weekly) {
      return err(
        ledgerError(
          "invalid_input",
          `The mapping pairs both payload windows of bucket "${chosen}" with window "${windows.interval}"; give each its own (or null).`,
          ["mapping", "windows", chosen],
        ),
      );
    }
    for (const kind of ["interval", "weekly"] as const) {
      const window = windows[kind] ?? null;
      if (window !== null) pairs.push({ bucket: chosen, window, kind, row, remains: row[kind] });
    }
    for (const window of bucketShapes.keys()) {
      if (windows.interval !== window && windows.weekly !== window) {
        unmapped.push({ bucket: chosen, window, row: row.name, reason: "no payload window stands for it" });
      }
    }
  }
  for (const bucket of shapes.keys()) {
    if (!claimed.has(bucket)) {
      unmapped.push({ bucket, window: null, row: null, reason: "the payload has no row for this bucket" });
    }
  }
  return ok({ pairs, unmapped });
}

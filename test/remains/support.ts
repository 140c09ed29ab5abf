/** Fixtures and helpers for the remains tests: payloads written from the documented field names. */
import { readFileSync } from "node:fs";
import {
  type Catalog,
  createLedger,
  type LedgerState,
  type ParseRemainsOptions,
  parseRemains,
  type RemainsSnapshot,
  type Result,
} from "../../src";

/** A fixture's text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}

/** A fixture, parsed from JSON (a fresh copy each call). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** The value of a result that must be ok. */
export function must<T>(result: Result<T, { readonly code: string; readonly message: string }>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A fixture read by parseRemains, which must accept it. */
export function snapshotOf(name: string, options: ParseRemainsOptions = {}): RemainsSnapshot {
  return must(parseRemains(fixture(name), options));
}

/** A payload of one row, with base_resp success. */
export function onePayload(row: Record<string, unknown>): Record<string, unknown> {
  return {
    model_remains: [{ model_name: "general", ...row }],
    base_resp: { status_code: 0, status_msg: "success" },
  };
}

/** The snapshot of a one-row payload. */
export function oneRow(row: Record<string, unknown>, options: ParseRemainsOptions = {}): RemainsSnapshot {
  return must(parseRemains(onePayload(row), options));
}

/** An empty ledger on a catalog. */
export function emptyLedger(catalog?: Catalog): LedgerState {
  const created = createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

/** Epoch ms of an ISO instant. */
export const ms = (iso: string): number => Date.parse(iso);

/** The instant every v2 fixture was fetched at: Thursday 2026-06-04 12:10 UTC. */
export const V2_AT = "2026-06-04T12:10:00Z";
/** The instant the v1 fixtures were fetched at: Wednesday 2026-04-15 12:10 UTC. */
export const V1_AT = "2026-04-15T12:10:00Z";

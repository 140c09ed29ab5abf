/**
 * The team journal (`src/postgres/teamJournal.ts`): a row decoded column by column, with the
 * exact sentence, path and params of each refusal; `readTeamJournal`'s arguments, its
 * defaults and the statement it sends; the team id check. Written to kill the mutants
 * Stryker left there. A recording driver stands in for the database: no SQL runs here.
 */
import { describe, expect, it } from "vitest";
import type { SqlDriver, SqlRow } from "../../src/postgres";
import { readTeamJournal } from "../../src/postgres";
import { decodeTeamJournalRow, findTeamEvents, teamIdProblem } from "../../src/postgres/teamJournal";
import { findTeamEventsSql, teamJournalSql } from "../../src/postgres/teamStatements";

/** A driver that answers every statement with `rows` and records what it was sent. */
function recording(rows: readonly SqlRow[] = []) {
  const calls: [string, unknown[]][] = [];
  const driver: SqlDriver = {
    query: async (sql, params) => {
      calls.push([sql, [...params]]);
      return { rows };
    },
  };
  return { driver, calls };
}

const good = {
  event_id: "e1",
  version: 3,
  fingerprint: "fp",
  event: JSON.stringify({ type: "set-member-credits", id: "e1", at: "2026-06-01T00:00:00Z" }),
  outcome: JSON.stringify({ type: "member", memberId: "ana" }),
  entries: JSON.stringify([{ type: "x" }]),
};

const edited = (eventId: string | null, column: string, what: string, teamId = "t") => ({
  ok: false,
  error: {
    code: "invalid_state",
    message: `Team "${teamId}", journal row ${eventId === null ? "(no event id)" : `"${eventId}"`}: column ${column} ${what}; the journal is written only by the store, so this row was edited by hand.`,
    path: ["journal", eventId ?? "", column],
    params: { teamId, eventId },
  },
});

/** A value that is not a string but that JSON.parse would read as `text` (it stringifies to it). */
const stringifiesTo = (text: string) => ({ toString: () => text });

describe("decodeTeamJournalRow", () => {
  it("decodes a row the store wrote, every column", () => {
    expect(decodeTeamJournalRow(good, "t")).toEqual({
      ok: true,
      value: {
        eventId: "e1",
        version: 3,
        fingerprint: "fp",
        event: { type: "set-member-credits", id: "e1", at: "2026-06-01T00:00:00Z" },
        outcome: { type: "member", memberId: "ana" },
        entries: [{ type: "x" }],
      },
    });
    // pg hands a bigint column back as a string; version 1 is the first a journal holds.
    const one = decodeTeamJournalRow({ ...good, version: "1", entries: "[]" }, "t");
    expect(one.ok && [one.value.version, one.value.entries]).toEqual([1, []]);
  });

  it("an event id that is missing, not a string or empty", () => {
    expect(decodeTeamJournalRow({ ...good, event_id: 5 }, "team-9")).toEqual(
      edited(null, "event_id", "is not an id", "team-9"),
    );
    expect(decodeTeamJournalRow({ ...good, event_id: undefined }, "t")).toEqual(
      edited(null, "event_id", "is not an id"),
    );
    expect(decodeTeamJournalRow({ ...good, event_id: "" }, "t")).toEqual(
      edited("", "event_id", "is not an id"),
    );
  });

  it("a version that is not one, or below 1", () => {
    for (const version of [0, "0", -1, null, "x", 1.5]) {
      expect(decodeTeamJournalRow({ ...good, version }, "t")).toEqual(
        edited("e1", "version", "is not a version ≥ 1"),
      );
    }
  });

  it("a fingerprint that is empty or not a string", () => {
    for (const fingerprint of ["", 5, null]) {
      expect(decodeTeamJournalRow({ ...good, fingerprint }, "t")).toEqual(
        edited("e1", "fingerprint", "is empty"),
      );
    }
  });

  it("an event that is not the JSON of an object with this id", () => {
    const what = "is not the JSON of a team event with this id";
    for (const event of [
      "null",
      "5",
      '"e1"',
      "[]",
      '{"id":"e2"}',
      "{}",
      "{",
      "",
      5,
      null,
      stringifiesTo('{"id":"e1"}'),
    ]) {
      expect(decodeTeamJournalRow({ ...good, event }, "t")).toEqual(edited("e1", "event", what));
    }
  });

  it("an outcome that is not the JSON of an object with a type", () => {
    const what = "is not the JSON of an outcome";
    for (const outcome of [
      "null",
      '"member"',
      "[]",
      "{}",
      '{"type":5}',
      "x",
      5,
      stringifiesTo('{"type":"member"}'),
    ]) {
      expect(decodeTeamJournalRow({ ...good, outcome }, "t")).toEqual(edited("e1", "outcome", what));
    }
  });

  it("entries that are not a JSON array", () => {
    const what = "is not a JSON array of entries";
    for (const entries of ["{}", "null", "[", "5", 5, null, stringifiesTo("[]")]) {
      expect(decodeTeamJournalRow({ ...good, entries }, "t")).toEqual(edited("e1", "entries", what));
    }
  });
});

describe("findTeamEvents", () => {
  it("sends the team and a copy of the ids; a failure is store_unavailable for the find", async () => {
    const { driver, calls } = recording([good]);
    const ids = ["e1", "e9"];
    const found = await findTeamEvents(driver, "team-1", ids);
    expect(found.ok && found.events.map((e) => e.eventId)).toEqual(["e1"]);
    expect(calls).toEqual([[findTeamEventsSql, ["team-1", ["e1", "e9"]]]]);
    expect(calls[0]?.[1][1]).not.toBe(ids);
    const failing: SqlDriver = {
      query: () => Promise.reject(Object.assign(new Error("connection refused"), { code: "08006" })),
    };
    expect(await findTeamEvents(failing, "team-1", ids)).toEqual({
      ok: false,
      error: {
        code: "store_unavailable",
        message:
          'The database failed during find for account "team-1": connection refused (SQLSTATE 08006). Nothing was half-written (each change is one statement); check the connection and retry.',
        path: [],
        params: { operation: "find", accountId: "team-1", sqlState: "08006" },
      },
    });
  });
});

describe("teamIdProblem", () => {
  const problem = {
    code: "invalid_input",
    message: "Expected a team id: a string of 1 to 256 characters.",
    path: ["teamId"],
    params: { teamIdLengthMax: 256 },
  };

  it("takes a string of 1 to 256 characters", () => {
    expect(teamIdProblem("t")).toBeNull();
    expect(teamIdProblem("x".repeat(256))).toBeNull();
  });

  it("refuses anything else, naming the bound", () => {
    for (const teamId of ["", "x".repeat(257), null, undefined, 5, ["a", "b"], { length: 3 }]) {
      expect(teamIdProblem(teamId)).toEqual(problem);
    }
  });
});

describe("readTeamJournal", () => {
  const refused = (message: string, path: readonly string[], params: Record<string, unknown> = {}) => ({
    ok: false,
    error: { code: "invalid_input", message, path, params },
  });

  it("sends the journal statement with the team, the version after which to read and the limit", async () => {
    const { driver, calls } = recording([
      good,
      { ...good, event_id: "e2", version: 4, event: '{"id":"e2"}' },
    ]);
    const read = await readTeamJournal(driver, "team-1");
    expect(read.ok && read.events.map((e) => [e.eventId, e.version])).toEqual([
      ["e1", 3],
      ["e2", 4],
    ]);
    expect(calls).toEqual([[teamJournalSql, ["team-1", 0, 10_000]]]);
    expect(teamJournalSql).toBe(`select event_id, version, fingerprint, event, outcome, entries
from token_plan_team_events where team_id = $1 and version > $2
order by version limit $3`);
    expect(findTeamEventsSql).toBe(`select event_id, version, fingerprint, event, outcome, entries
from token_plan_team_events where team_id = $1 and event_id = any($2::text[])
order by version`);
    await readTeamJournal(driver, "team-1", { afterVersion: 0, limit: 1 });
    await readTeamJournal(driver, "team-1", { afterVersion: 7, limit: 10_000 });
    await readTeamJournal(driver, "team-1", { afterVersion: 7 });
    await readTeamJournal(driver, "team-1", { limit: 2 });
    expect(calls.slice(1).map((c) => c[1])).toEqual([
      ["team-1", 0, 1],
      ["team-1", 7, 10_000],
      ["team-1", 7, 10_000],
      ["team-1", 0, 2],
    ]);
    expect(must(await readTeamJournal(recording([]).driver, "t"))).toEqual({ ok: true, events: [] });
  });

  it("the first bad row refuses the page", async () => {
    const { driver } = recording([good, { ...good, event_id: "e2", version: 0 }, { ...good, event_id: 7 }]);
    expect(await readTeamJournal(driver, "t")).toEqual(edited("e2", "version", "is not a version ≥ 1"));
  });

  it("refuses bad arguments with their sentence, before any statement", async () => {
    const { driver, calls } = recording();
    expect(await readTeamJournal(driver, "")).toEqual(
      refused("Expected a team id: a string of 1 to 256 characters.", ["teamId"], { teamIdLengthMax: 256 }),
    );
    const options = refused("Expected options as an object such as { afterVersion, limit }.", ["options"]);
    for (const bad of [null, 5, "x", true])
      expect(await readTeamJournal(driver, "t", bad as never)).toEqual(options);
    const after = refused("Expected afterVersion as a whole number ≥ 0.", ["options", "afterVersion"]);
    for (const afterVersion of [-1, 0.5, "1", Number.NaN, 2 ** 53]) {
      expect(await readTeamJournal(driver, "t", { afterVersion } as never)).toEqual(after);
    }
    const limit = refused("Expected a limit from 1 to 10000.", ["options", "limit"], {
      journalPageMax: 10_000,
    });
    for (const bad of [0, -1, 10_001, 1.5, "5"]) {
      expect(await readTeamJournal(driver, "t", { limit: bad } as never)).toEqual(limit);
    }
    expect(calls).toEqual([]);
  });

  it("a driver that throws: store_unavailable naming the operation and the team", async () => {
    const driver: SqlDriver = {
      query: () => Promise.reject(Object.assign(new Error("connection refused"), { code: "08006" })),
    };
    expect(await readTeamJournal(driver, "team-1")).toEqual({
      ok: false,
      error: {
        code: "store_unavailable",
        message:
          'The database failed during journal for account "team-1": connection refused (SQLSTATE 08006). Nothing was half-written (each change is one statement); check the connection and retry.',
        path: [],
        params: { operation: "journal", accountId: "team-1", sqlState: "08006" },
      },
    });
  });
});

function must<T extends { ok: boolean }>(r: T): T {
  if (!r.ok) throw new Error("unexpected refusal");
  return r;
}

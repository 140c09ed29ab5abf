/**
 * A team writer's queues (`src/postgres/teamWriter.ts`): how many requests each flight
 * carries (64 by default, 1 to 1,000), one queue per team, the refusals with their
 * sentences, and a flight that throws. Written to kill the mutants Stryker left there. A
 * scripted driver counts the flights: each flight that writes sends one save, whose $5 is
 * the array of the event ids it journals.
 */
import { describe, expect, it } from "vitest";
import type { TeamEvent } from "../../src";
import { createTeamWriter, type SqlDriver } from "../../src/postgres";
import { must } from "../postgres/helpers";

const member = (id: string): TeamEvent => ({
  type: "set-member-credits",
  id,
  at: "2026-06-01T08:00:00Z",
  memberId: id,
  access: true,
});

/** A database with no team rows whose saves all win; records, per team, the ids each save journals. */
function counting() {
  const saves: [string, string[]][] = [];
  const driver: SqlDriver = {
    query: async (sql, params) => {
      if (sql.startsWith("select version, state")) return { rows: [] };
      if (sql.startsWith("with saved")) {
        saves.push([params[0] as string, params[4] as string[]]);
        return { rows: [{ saved: 1, journaled: 1 }] };
      }
      throw new Error(`unexpected statement ${sql.slice(0, 30)}`);
    },
  };
  return { driver, saves, sizes: () => saves.map((s) => s[1].length) };
}

const send = (
  writer: { withTeam: (t: string, d: () => TeamEvent[]) => Promise<unknown> },
  teamId: string,
  n: number,
) =>
  Promise.all(Array.from({ length: n }, (_, i) => writer.withTeam(teamId, () => [member(`${teamId}-${i}`)])));

describe("flights", () => {
  it("carry 64 requests by default: the first flies alone, those queued meanwhile 64 at a time", async () => {
    const db = counting();
    const { writer } = must(createTeamWriter(db.driver));
    await send(writer, "t", 130);
    expect(db.sizes()).toEqual([1, 64, 64, 1]);
  });

  it("carry at most requestsPerFlightMax, up to 1,000", async () => {
    const three = counting();
    await send(must(createTeamWriter(three.driver, { requestsPerFlightMax: 3 })).writer, "t", 8);
    expect(three.sizes()).toEqual([1, 3, 3, 1]);
    const most = counting();
    await send(must(createTeamWriter(most.driver, { requestsPerFlightMax: 1000 })).writer, "t", 1001);
    expect(most.sizes()).toEqual([1, 1000]);
  });

  it("one queue per team: two teams fly side by side; a drained queue starts again on the next request", async () => {
    const db = counting();
    const { writer } = must(createTeamWriter(db.driver, { requestsPerFlightMax: 2 }));
    await Promise.all([send(writer, "a", 3), send(writer, "b", 3)]);
    expect(db.saves).toEqual([
      ["a", ["a-0"]],
      ["b", ["b-0"]],
      ["a", ["a-1", "a-2"]],
      ["b", ["b-1", "b-2"]],
    ]);
    const answer = must((await writer.withTeam("a", () => [member("late")])) as never) as { version: number };
    expect(answer.version).toBe(1);
    expect(db.saves.at(-1)).toEqual(["a", ["late"]]);
  });

  it("a flight that throws (a driver breaking its contract) rejects each of its requests with that error", async () => {
    let broken = true;
    const db = counting();
    const driver: SqlDriver = {
      query: (sql, params) => (broken ? Promise.resolve({} as never) : db.driver.query(sql, params)),
    };
    const { writer } = must(createTeamWriter(driver));
    const first = writer.withTeam("t", () => [member("a")]);
    const queued = [writer.withTeam("t", () => [member("b")]), writer.withTeam("t", () => [member("c")])];
    const settled = await Promise.allSettled([first, ...queued]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected"]);
    const reasons = settled.map((s) => (s.status === "rejected" ? s.reason : null));
    expect(reasons[1]).toBe(reasons[2]);
    expect(reasons[0]).toBeInstanceOf(TypeError);
    broken = false;
    expect(must(await writer.withTeam("t", () => [member("d")])).saved).toBe(true);
  });
});

describe("a request whose decide throws", () => {
  it("is rejected with what it threw; the others of its flight are saved", async () => {
    const db = counting();
    const { writer } = must(createTeamWriter(db.driver));
    const failure = new Error("decide failed");
    const settled = await Promise.allSettled([
      writer.withTeam("t", () => [member("a")]),
      writer.withTeam("t", () => [member("b")]),
      writer.withTeam("t", () => {
        throw failure;
      }),
      writer.withTeam("t", () => [member("c")]),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(settled[2]?.status === "rejected" && settled[2].reason).toBe(failure);
    expect(db.saves).toEqual([
      ["t", ["a"]],
      ["t", ["b", "c"]],
    ]);
  });
});

describe("saved, per request", () => {
  it("says whether the request's own events were written, not the flight's", async () => {
    const db = counting();
    const { writer } = must(createTeamWriter(db.driver));
    const sent = await Promise.all([
      writer.withTeam("t", () => [member("x")]),
      writer.withTeam("t", () => [member("a")]),
      writer.withTeam("t", () => [member("a")]),
      writer.withTeam("t", () => []),
    ]);
    expect(sent.map((r) => must(r).saved)).toEqual([true, true, false, false]);
    expect(sent.map((r) => must(r).results.map((x) => x.duplicate))).toEqual([[false], [false], [true], []]);
  });
});

describe("createTeamWriter refuses, with the sentence", () => {
  const { driver } = counting();
  const refused = (message: string, path: readonly string[], params: Record<string, unknown> = {}) => ({
    ok: false,
    error: { code: "invalid_input", message, path, params },
  });

  it("a driver that is not an object with query", () => {
    const noDriver = refused("Expected a driver: an object with query(sql, params).", ["driver"]);
    const fn = Object.assign(() => undefined, { query: driver.query });
    for (const bad of [null, undefined, "x", {}, { query: "no" }, fn]) {
      expect(createTeamWriter(bad as never)).toEqual(noDriver);
    }
  });

  it("bad options and flight sizes", () => {
    expect(createTeamWriter(driver, { attemptsMax: 0 })).toEqual(
      refused("Expected attemptsMax from 1 to 1000.", ["options", "attemptsMax"], { attemptsMax: 1000 }),
    );
    const size = refused(
      "Expected requestsPerFlightMax from 1 to 1000.",
      ["options", "requestsPerFlightMax"],
      {
        requestsPerFlightLimit: 1000,
      },
    );
    for (const requestsPerFlightMax of [0, -1, 1001, 2.5, "5", Number.NaN]) {
      expect(createTeamWriter(driver, { requestsPerFlightMax } as never)).toEqual(size);
    }
    expect(createTeamWriter(driver, { requestsPerFlightMax: 1 }).ok).toBe(true);
  });

  it("a bad team id or decide, per request, sending nothing", async () => {
    const db = counting();
    const { writer } = must(createTeamWriter(db.driver));
    expect(await writer.withTeam("", () => [])).toEqual(
      refused("Expected a team id: a string of 1 to 256 characters.", ["teamId"], { teamIdLengthMax: 256 }),
    );
    expect(await writer.withTeam("t", "no" as never)).toEqual(
      refused("Expected decide as a function of the team.", ["decide"]),
    );
    expect(db.saves).toEqual([]);
  });
});

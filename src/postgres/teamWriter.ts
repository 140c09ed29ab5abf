/**
 * A team writer: one process's queue per team. A request that arrives while the team's
 * previous flight is in the air waits for it, then flies with every other request that
 * waited: one load, each request decided on the team as the ones before it left it, one
 * compare-and-swap save. At 50 requests a second on one team, a lone `withTeam` per
 * request races its neighbours for the row; a writer saves them together, so the row is
 * read and written once per flight and races are left only between processes.
 */
import { assert } from "../assert";
import type { SqlDriver } from "./driver";
import { refuse, type StoreRefusal, storeError } from "./failures";
import { type FlightAnswer, fly, type TeamDecide, type TeamSaved } from "./teamFlight";
import { teamIdProblem } from "./teamJournal";
import { flightSettings, type WithTeamOptions } from "./teams";

/** The most requests one flight may carry. */
const requestsPerFlightLimit = 1000;

/**
 * Options of {@link createTeamWriter}: those of `withTeam`, and how many requests a flight carries.
 *
 * @example
 * const options: TeamWriterOptions = { requestsPerFlightMax: 64, attemptsMax: 20 };
 */
export interface TeamWriterOptions extends WithTeamOptions {
  /** Requests one flight carries at most (default 64, at most 1,000); the rest take the next flight. */
  readonly requestsPerFlightMax?: number;
}

/**
 * Writes to teams through per-team queues (see {@link createTeamWriter}).
 *
 * @example
 * const saved = await writer.withTeam("team-1", (team) => [usage]);
 * saved.ok && saved.results[0]?.outcome.type; //=> "member-usage"
 */
export interface TeamWriter {
  /**
   * As `withTeam(driver, teamId, decide, options)`, saved together with the other requests
   * of its flight. `decide` sees the team as the requests before it in the flight left it.
   * A refusal of one request (its events, its `decide` throwing) leaves the others of the
   * flight alone; `saved` says whether this request's own events were written.
   */
  withTeam(teamId: string, decide: TeamDecide): Promise<TeamSaved | StoreRefusal>;
}

/**
 * What {@link createTeamWriter} returns when its options are valid.
 *
 * @example
 * const created = createTeamWriter(driver);
 * if (!created.ok) throw new Error(created.error.message);
 * const writer: TeamWriter = created.writer;
 */
export interface TeamWriterCreated {
  readonly ok: true;
  readonly writer: TeamWriter;
}

interface Waiting {
  readonly decide: TeamDecide;
  readonly resolve: (value: TeamSaved | StoreRefusal) => void;
  readonly reject: (thrown: unknown) => void;
}

/**
 * A team writer over a driver, for one process (a gateway instance): requests on one team
 * are flown together, one compare-and-swap save per flight, and instances still race one
 * another safely through the row's version. It holds queues only, never a connection.
 *
 * @example
 * const created = createTeamWriter(pgDriver(pool), { requestsPerFlightMax: 64 });
 * if (created.ok) await created.writer.withTeam("team-1", (team) => [usage]);
 */
export function createTeamWriter(
  driver: SqlDriver,
  options: TeamWriterOptions = {},
): TeamWriterCreated | StoreRefusal {
  if (typeof driver !== "object" || driver === null || typeof driver.query !== "function")
    return refuse(
      storeError("invalid_input", "Expected a driver: an object with query(sql, params).", ["driver"]),
    );
  const checked = flightSettings(options);
  if (!checked.ok) return checked;
  const settings = checked.value;
  const perFlight = options.requestsPerFlightMax ?? 64;
  if (!Number.isSafeInteger(perFlight) || perFlight < 1 || perFlight > requestsPerFlightLimit)
    return refuse(
      storeError(
        "invalid_input",
        `Expected requestsPerFlightMax from 1 to ${requestsPerFlightLimit}.`,
        ["options", "requestsPerFlightMax"],
        { requestsPerFlightLimit },
      ),
    );
  const queues = new Map<string, Waiting[]>();

  async function pump(teamId: string, queue: Waiting[]): Promise<void> {
    while (queue.length > 0) {
      const flight = queue.splice(0, perFlight);
      let answers: FlightAnswer[];
      try {
        answers = await fly(
          driver,
          teamId,
          flight.map((w) => w.decide),
          settings,
        );
      } catch (thrown) {
        // Only a broken invariant gets here: every waiting request learns of it.
        for (const w of flight) w.reject(thrown);
        continue;
      }
      flight.forEach((w, i) => {
        const answer = answers[i];
        // Stryker disable next-line StringLiteral: invariant message: fly answers every request it is given
        assert(answer !== undefined, "a flight left a request without an answer");
        if (answer.ok) w.resolve(answer.value);
        else w.reject(answer.thrown);
      });
    }
    queues.delete(teamId);
  }

  return {
    ok: true,
    writer: {
      withTeam(teamId, decide) {
        const badTeam = teamIdProblem(teamId);
        if (badTeam !== null) return Promise.resolve(refuse(badTeam));
        if (typeof decide !== "function")
          return Promise.resolve(
            refuse(storeError("invalid_input", "Expected decide as a function of the team.", ["decide"])),
          );
        return new Promise((resolve, reject) => {
          const waiting: Waiting = { decide, resolve, reject };
          const queue = queues.get(teamId);
          if (queue !== undefined) {
            queue.push(waiting);
            return;
          }
          const fresh = [waiting];
          queues.set(teamId, fresh);
          void pump(teamId, fresh);
        });
      },
    },
  };
}

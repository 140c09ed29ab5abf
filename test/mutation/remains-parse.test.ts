/**
 * `parseRemains` (`src/remains/parse.ts`) and the endpoint reading (`endpoint.ts`) at their
 * edges, with their exact sentences and paths: written to kill the mutants Stryker left there.
 * Each payload is read inside its test.
 */
import { describe, expect, it } from "vitest";
import { parseRemains } from "../../src";
import { must, onePayload, oneRow } from "../remains/support";

const success = { status_code: 0, status_msg: "success" };
const usagePath = (row: number) => ["model_remains", row, "current_interval_usage_count"];

describe("where the rows and the provider's status are", () => {
  it("a payload with model_remains at the top reads those rows, even beside a data object", () => {
    // Kills: "model_remains" → "" in the look-up of the body.
    const snapshot = must(
      parseRemains({
        model_remains: [{ model_name: "general" }],
        data: { model_remains: [] },
        base_resp: success,
      }),
    );
    expect(snapshot.buckets.map((b) => b.name)).toEqual(["general"]);
    expect(snapshot.unknownFields).toEqual({ data: { model_remains: [] } });
  });

  it("a null base_resp inside data gives way to the top-level one, which refuses with its code", () => {
    // Kills: `Object.hasOwn(body, "base_resp") && body.base_resp != null` → `||`, and `!= null` → true.
    expect(
      parseRemains({
        data: { model_remains: [], base_resp: null },
        base_resp: { status_code: 1004, status_msg: "bad key" },
      }),
    ).toEqual({
      ok: false,
      error: {
        code: "provider_error",
        message:
          'The provider refused the request: status 1004 "bad key" (an authentication failure: check the API key sent as the Bearer token).',
        path: ["base_resp", "status_code"],
        params: { statusCode: 1004, statusMessage: "bad key" },
      },
    });
  });

  it("a refusal without a status message names the code and the hint only", () => {
    // Kills: `message == null` → true would drop a message; here the message part must be empty.
    const refused = parseRemains({ model_remains: [], base_resp: { status_code: 2056 } });
    expect(!refused.ok && [refused.error.message, refused.error.path]).toEqual([
      "The provider refused the request: status 2056 (a usage limit was reached).",
      ["base_resp", "status_code"],
    ]);
  });

  it("a refusal with an unknown code and a message quotes the message, with no hint", () => {
    // Kills: `message == null ? "" : …` → true, and the quoted part → "".
    const refused = parseRemains({ model_remains: [], base_resp: { status_code: 7, status_msg: "oops" } });
    expect(!refused.ok && refused.error.message).toBe('The provider refused the request: status 7 "oops".');
  });

  it("a null base_resp at the top is no provider status, not a malformed one", () => {
    // Kills: `raw === undefined || raw === null` → `raw === null` → false.
    expect(must(parseRemains({ model_remains: [], base_resp: null })).provider).toBeNull();
  });

  it("a malformed top-level base_resp is refused at base_resp, with no prefix", () => {
    // Kills: the empty prefix `[]` → ["Stryker was here"] (the base_resp is not in data).
    const refused = parseRemains({ model_remains: [], base_resp: { status_code: "x" } });
    expect(!refused.ok && refused.error.path).toEqual(["base_resp", "status_code"]);
  });
});

describe("what parseRemains refuses, with its path", () => {
  it("text that is not JSON, at the root", () => {
    // Kills: the root path `[]` → ["Stryker was here"].
    expect(parseRemains("{")).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "The remains payload is not valid JSON (truncated or not JSON?).",
        path: [],
        params: {},
      },
    });
  });

  it("no model_remains, or a null one: the same sentence at model_remains", () => {
    // Kills: the missing/null checks (false, `&&`) and the block → {} (a null list is not "a list of rows" refused by zod).
    const missing = {
      ok: false,
      error: {
        code: "invalid_input",
        message: "The payload has no model_remains list: expected the body of /v1/token_plan/remains.",
        path: ["model_remains"],
        params: {},
      },
    };
    expect(parseRemains({ base_resp: success })).toEqual(missing);
    expect(parseRemains({ model_remains: null, base_resp: success })).toEqual(missing);
  });

  it("a data object without model_remains: the sentence says 'in data', at data.model_remains", () => {
    // Kills: `rowsPath.length > 1 ? " in data" : ""` → true, false, `>=`, `<=`, and both strings.
    expect(parseRemains({ data: {} })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message:
          "The payload has no model_remains list in data: expected the body of /v1/token_plan/remains.",
        path: ["data", "model_remains"],
        params: {},
      },
    });
  });
});

describe("how the usage count is read when no endpoint is named", () => {
  it("status 2 with all of the total in the count: used, so the current endpoint, inferred", () => {
    // Kills: "current" → "" for an exhausted window whose count is the total.
    const snapshot = oneRow({
      current_interval_total_count: 10,
      current_interval_usage_count: 10,
      current_interval_status: 2,
    });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "inferred"]);
    expect(snapshot.notes).toEqual([
      {
        path: usagePath(0),
        topic: "endpoint",
        message:
          "No endpoint was named; the counts at model_remains.0.current_interval_usage_count fit only the current endpoint, so every usage count is read as used.",
      },
    ]);
  });

  it("status 1 with a count of 0: none used, so the current endpoint, inferred", () => {
    // Kills: `statusCode === 2 && none` → true and `||`, and the status-1-none case (false, true, `!==`, [] and "").
    const snapshot = oneRow({
      current_interval_total_count: 10,
      current_interval_usage_count: 0,
      current_interval_status: 1,
    });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "inferred"]);
    expect(snapshot.buckets[0]?.interval).toMatchObject({ used: "0", remaining: "10" });
  });

  it("status 2 with a count of 0: none remaining, so the legacy endpoint, read as remaining", () => {
    // Kills: `endpoint === "current" ? "used" : "remaining"` → true, and "remaining" → "".
    const snapshot = oneRow({
      current_interval_total_count: 10,
      current_interval_usage_count: 0,
      current_interval_status: 2,
    });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["legacy", "inferred"]);
    expect(snapshot.notes.map((n) => n.message)).toEqual([
      "No endpoint was named; the counts at model_remains.0.current_interval_usage_count fit only the legacy endpoint, so every usage count is read as remaining.",
    ]);
  });

  it("counts exactly one point from the percentage still fit (the tolerance is inclusive)", () => {
    // Kills: `within`'s `<= 0` → `< 0`. 30 of 100 used = 30 %; 69 % remaining = 31 % used: 1 point apart.
    const snapshot = oneRow({
      current_interval_total_count: 100,
      current_interval_usage_count: 30,
      current_interval_remaining_percent: 69,
      current_interval_status: 1,
    });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "inferred"]);
  });

  it("a count that fits neither reading: noted, and read as current (assumed) with no other note", () => {
    // Kills: the contradiction message → "", and `evidence + open + contradictory > 0` → `- contradictory`.
    // 50 of 100 is 50 %; 10 % remaining is 90 % used: neither 50 % used nor 50 % remaining fits.
    const snapshot = oneRow({
      current_interval_total_count: 100,
      current_interval_usage_count: 50,
      current_interval_remaining_percent: 10,
      current_interval_status: 1,
    });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "assumed"]);
    expect(snapshot.notes).toEqual([
      {
        path: usagePath(0),
        topic: "counts",
        message:
          "The usage count fits neither reading (used, or remaining) of the remaining percentage; the percentage is kept as the provider's figure.",
      },
    ]);
  });

  it("a count that fits both readings: read as current, and the note says nothing tells", () => {
    // Kills: `told.size === 2` → true, and its sentence → "". 50 of 100 with 50 % remaining fits both.
    const snapshot = oneRow({
      current_interval_total_count: 100,
      current_interval_usage_count: 50,
      current_interval_remaining_percent: 50,
      current_interval_status: 1,
    });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "assumed"]);
    expect(snapshot.notes).toEqual([
      {
        path: usagePath(0),
        topic: "endpoint",
        message:
          'No endpoint was named and nothing in the payload tells whether the usage count is used or remaining: this usage count is read as used (the current endpoint). Pass { endpoint: "legacy" } if the payload came from /v1/api/openplatform/coding_plan/remains.',
      },
    ]);
  });

  it("rows that disagree: each row's count is noted at its own path", () => {
    // Kills: `evidence.map((item) => item.path)` → `() => undefined`.
    const snapshot = must(
      parseRemains({
        model_remains: [
          {
            model_name: "general",
            current_interval_total_count: 10,
            current_interval_usage_count: 10,
            current_interval_status: 2,
          },
          {
            model_name: "video",
            current_interval_total_count: 10,
            current_interval_usage_count: 0,
            current_interval_status: 2,
          },
        ],
        base_resp: success,
      }),
    );
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "assumed"]);
    const endpointNotes = snapshot.notes.filter((n) => n.topic === "endpoint");
    expect(endpointNotes.map((n) => n.path)).toEqual([usagePath(0), usagePath(1)]);
    expect(endpointNotes[0]?.message).toContain("rows disagree on which endpoint answered");
  });

  it("no counts anywhere: no endpoint, no source, no note", () => {
    // Kills: `needed` → true or `>= 0`, and `if (!needed)` → false.
    const snapshot = oneRow({ current_interval_remaining_percent: 60, current_interval_status: 1 });
    expect([snapshot.endpoint, snapshot.endpointSource, snapshot.notes]).toEqual([null, null, []]);
  });
});

describe("how the usage count is read when the endpoint is named", () => {
  const exhaustedAll = {
    current_interval_total_count: 10,
    current_interval_usage_count: 10,
    current_interval_status: 2,
  };

  it("counts that fit the named endpoint: no note", () => {
    // Kills: `item.endpoint !== given` → true.
    const snapshot = oneRow(exhaustedAll, { endpoint: "current" });
    expect([snapshot.endpoint, snapshot.endpointSource, snapshot.notes]).toEqual(["current", "given", []]);
  });

  it("counts that fit the other endpoint: read as named, and the note says which they fit", () => {
    // Kills: the mismatch sentence → "".
    const snapshot = oneRow(exhaustedAll, { endpoint: "legacy" });
    expect(snapshot.notes.filter((n) => n.topic === "endpoint")).toEqual([
      {
        path: usagePath(0),
        topic: "endpoint",
        message:
          "The counts here fit the current endpoint (usage = used), not the legacy one you named; read as legacy.",
      },
    ]);
  });
});

describe("the boosted total", () => {
  it("rounds half-even to a whole atom: 3 atoms × 1.5 = 4.5 → 4", () => {
    // Kills: "half-even" → "" (an unknown rounding mode rounds nothing).
    const snapshot = must(
      parseRemains(
        onePayload({
          current_interval_total_count: "0.000000000003",
          interval_boost_permille: 1500,
          current_interval_status: 1,
        }),
      ),
    );
    expect(snapshot.buckets[0]?.interval).toMatchObject({
      limit: "0.000000000004",
      baseLimit: "0.000000000003",
    });
  });
});

describe("second-round survivors", () => {
  it("a malformed top-level base_resp beside a data body is refused at base_resp, without the data prefix", () => {
    // Kills: the `[]` of a base_resp outside the body → ["Stryker was here"].
    const refused = parseRemains({ data: { model_remains: [] }, base_resp: { status_code: "x" } });
    expect(!refused.ok && refused.error.path).toEqual(["base_resp", "status_code"]);
  });

  it("a count of 0 without a status fits both readings: assumed, not inferred", () => {
    // Kills: `counts.statusCode === 1` → true in the "normal, none used" reading.
    const snapshot = oneRow({ current_interval_total_count: 10, current_interval_usage_count: 0 });
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "assumed"]);
  });
});

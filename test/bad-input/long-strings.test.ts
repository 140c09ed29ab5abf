/**
 * Long strings (issue 23, item 7): every string is bounded before it is converted (an
 * amount of 10^7 digits is refused by its length, before any big-number arithmetic), and a
 * message quotes at most 60 characters of what it refused, then "…".
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  type CatalogPatch,
  defaultCatalog,
  extendCatalog,
  type LedgerError,
  type LedgerEvent,
  parseCredits,
  parseInstant,
  parseUsd,
} from "../../src";
import { amountTextLengthMax, timeZoneNameLengthMax } from "../../src/limits";
import { activeLedger, expectRefusal, purchase, usage } from "./support";

/** What an error may carry at most: the message and each parameter stay short. */
function expectShort(error: LedgerError): void {
  expect(error.message.length, error.message.slice(0, 200)).toBeLessThan(400);
  for (const [key, value] of Object.entries(error.params))
    expect(String(value).length, `params.${key}`).toBeLessThanOrEqual(80);
}

const nines = "9".repeat(10_000_000);

describe("amounts are bounded before they are converted", () => {
  it(`a purchase of 10^7 nines is limit_exceeded (at most ${amountTextLengthMax} characters), with a short message`, () => {
    const error = expectRefusal(
      () => applyEvent(activeLedger(), purchase({ credits: nines }) as unknown as LedgerEvent),
      {
        code: "limit_exceeded",
        path: ["credits"],
        hint: new RegExp(`${amountTextLengthMax} characters`),
      },
    );
    expectShort(error);
    expect(error.message).toContain("…");
  });

  it.each([
    ["parseUsd", (v: string) => parseUsd(v, ["price"])],
    ["parseCredits", (v: string) => parseCredits(v, ["price"])],
  ])("%s refuses 10^7 digits, and 10^6 spaces around a digit", (_name, parse) => {
    expectShort(
      expectRefusal(() => parse(nines), { code: "limit_exceeded", path: ["price"], hint: /characters/ }),
    );
    const padded = `${" ".repeat(1_000_000)}1`;
    expectShort(
      expectRefusal(() => parse(padded), { code: "limit_exceeded", path: ["price"], hint: /characters/ }),
    );
  });

  it(`an amount of exactly ${amountTextLengthMax} characters is still read (leading zeros)`, () => {
    const text = `${"0".repeat(amountTextLengthMax - 3)}1.5`;
    expect(parseUsd(text)).toEqual({ ok: true, value: "1.5" });
    expect(parseUsd(`0${text}`).ok).toBe(false);
  });

  it("an amount refused for its form quotes 60 characters of it at most", () => {
    const error = expectRefusal(() => parseUsd(`${"1".repeat(62)}x`), {
      code: "invalid_amount",
      path: [],
      hint: /plain decimal/,
    });
    expect(error.message).toContain(`"${"1".repeat(60)}…"`);
    expectShort(error);
  });
});

describe("other strings", () => {
  it(`a time zone name longer than ${timeZoneNameLengthMax} characters is refused before Intl reads it`, () => {
    const patch: CatalogPatch = { id: "x", subscription: { billingTimeZone: "A".repeat(10_000_000) } };
    const error = expectRefusal(() => extendCatalog(defaultCatalog, patch), {
      code: "limit_exceeded",
      path: ["subscription", "billingTimeZone"],
      hint: new RegExp(`${timeZoneNameLengthMax} characters`),
    });
    expectShort(error);
  });

  it("an instant of 10^7 characters: invalid_instant, short message", () => {
    expectShort(
      expectRefusal(() => parseInstant(nines, ["at"]), {
        code: "invalid_instant",
        path: ["at"],
        hint: /ISO-8601/,
      }),
    );
  });

  it("an unknown field named by 10^6 characters: the message cuts the name", () => {
    const key = "k".repeat(1_000_000);
    const error = expectRefusal(
      () => applyEvent(activeLedger(), usage({ [key]: 1 }) as unknown as LedgerEvent),
      {
        code: "invalid_input",
        path: [key],
        hint: /Unknown field/,
      },
    );
    expectShort(error);
  });

  it("a reason of 10^6 characters: limit_exceeded, short message", () => {
    const error = expectRefusal(
      () =>
        applyEvent(activeLedger(), {
          type: "grant-credits",
          id: "g",
          at: "2026-06-04T12:00:00Z",
          credits: "1",
          reason: "r".repeat(1_000_000),
        }),
      { code: "limit_exceeded", path: ["reason"], hint: /500/ },
    );
    expectShort(error);
  });
});

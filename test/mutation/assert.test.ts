/**
 * What an invariant break throws (issue 23's mutation survivors): an InvariantError named as such,
 * whose message says it is token-plan's bug and carries the message given, built only when it fails.
 */
import { describe, expect, it } from "vitest";
import { assert, InvariantError } from "../../src/assert";

describe("assert", () => {
  it("a failed check throws an InvariantError named InvariantError, with the message given", () => {
    let thrown: unknown;
    try {
      assert(false, "a lot went below zero");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvariantError);
    expect(thrown).toMatchObject({
      name: "InvariantError",
      message: "[token-plan] invariant broken: a lot went below zero",
    });
  });

  it("a message function is called only when the check fails, and its text is the message", () => {
    let built = 0;
    const message = () => {
      built++;
      return `built ${built}`;
    };
    assert(true, message);
    expect(built).toBe(0);
    expect(() => assert(0, message)).toThrow(new InvariantError("[token-plan] invariant broken: built 1"));
  });
});

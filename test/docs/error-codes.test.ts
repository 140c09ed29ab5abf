/** The README's table of error codes lists every code, once, in precedence order. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ledgerErrorCodes } from "../../src";

describe("README: error codes", () => {
  it("lists every code of ledgerErrorCodes, in its order", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Error codes"), readme.indexOf("## Statements"));
    const listed = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual([...ledgerErrorCodes]);
  });
});

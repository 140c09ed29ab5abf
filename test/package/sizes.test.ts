/**
 * What an app ships, per import (bench/sizes.ts measures them; `npm run bench` reports
 * them with the edge import's budget). The test holds what tree shaking promises: one
 * small function brings only itself, whatever the rest of the package grows to.
 */
import { describe, expect, it } from "vitest";
import { bundleSize, importEntries } from "../../bench/sizes";

describe("per-import bundle sizes (esbuild, min+gzip)", () => {
  it("parseInstant alone and parseUsd alone stay under 2 KB without dependencies", async () => {
    const instant = await bundleSize("parseInstant", "external");
    const usd = await bundleSize("parseUsd", "external");
    expect(instant.gzipBytes).toBeLessThan(2_000);
    expect(usd.gzipBytes).toBeLessThan(2_000);
  }, 60_000);

  it("parseInstant stays that small with its dependencies; parseUsd brings only decimal.js", async () => {
    const bundled = await bundleSize("parseInstant", "bundled");
    expect(bundled.gzipBytes).toBeLessThan(2_000); // no zod, no time zone data
    const usd = await bundleSize("parseUsd", "bundled");
    expect(usd.gzipBytes).toBeLessThan(16_000); // decimal.js is about 13 KB of it
  }, 60_000);

  it("each larger import ships more than the one before it", async () => {
    const names = Object.keys(importEntries) as (keyof typeof importEntries)[];
    const sizes = [];
    for (const name of names.slice(2)) sizes.push((await bundleSize(name, "external")).gzipBytes);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  }, 60_000);
});

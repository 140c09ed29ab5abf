/** Test catalogs shared by several files. */
import { type Catalog, defaultCatalog, extendCatalog } from "../../src";

/** The default catalog with a sliding 5-hour window (1-minute resolution) and a 7-day session window. */
export const slidingAndSessionCatalog: Catalog = (() => {
  const extended = extendCatalog(defaultCatalog, {
    id: "sliding-and-session",
    buckets: {
      general: {
        windows: {
          "5h": { label: "5-hour", kind: "sliding", duration: "PT5H", resolution: "PT1M" },
          weekly: { label: "weekly", kind: "session", duration: "P7D" },
        },
      },
    },
  });
  if (!extended.ok) throw new Error(`fixture catalog: ${extended.error.message}`);
  return extended.value;
})();

/**
 * Earlier rule sets of the service, each a catalog of its own (REFERENCE.md, "eras").
 * Their quota sizes were never published in a form we could confirm: every limit here
 * is an assumption, listed in `assumptions`.
 */
import type { CatalogInput } from "./schema";
import { tokenPlanV2Data } from "./tokenPlanV2";

type WindowInput = CatalogInput["buckets"][string]["windows"][string];
type TierInput = CatalogInput["tiers"][string];
type ResourceInput = CatalogInput["resources"][string];

const utcFiveHour: WindowInput = {
  label: "5-hour",
  kind: "calendar",
  every: "day",
  cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"],
  timeZone: "UTC",
};
const utcWeek: WindowInput = {
  label: "weekly",
  kind: "calendar",
  every: "week",
  weekStartsOn: 1,
  timeZone: "UTC",
};
const utcDay: WindowInput = { label: "daily", kind: "calendar", every: "day", timeZone: "UTC" };

/** The v2 catalog's tiers and resources, by id (they exist: the v2 data defines them). */
function v2Parts(): {
  tiers: Record<"plus" | "max" | "ultra", TierInput>;
  resources: Record<string, ResourceInput>;
} {
  const v2 = tokenPlanV2Data({ id: "v2", name: "v2", timeZone: "UTC" });
  return { tiers: v2.tiers as Record<"plus" | "max" | "ultra", TierInput>, resources: v2.resources };
}

const oneRequest = { perUsage: "1" };

/** Token Plan v1 (2026-03-23 → 2026-05-31): text counted in requests, media in per-product daily counts. */
export function tokenPlanV1Data(): CatalogInput {
  const v2base = tokenPlanV2Data({ id: "v1", name: "v1", timeZone: "UTC" });
  const v2 = v2Parts();
  const media = (daily: [string, string, string, string]) => ({
    image: { daily: daily[0] },
    speech: { daily: daily[1] },
    music: { daily: daily[2] },
    video: { daily: daily[3] },
  });
  return {
    ...v2base,
    id: "minimax-token-plan-v1",
    name: "MiniMax Token Plan v1 (requests, 2026-03-23 to 2026-05-31)",
    effectiveFrom: "2026-03-23T00:00:00Z",
    buckets: {
      general: { name: "Text requests", unit: "requests", windows: { "5h": utcFiveHour, weekly: utcWeek } },
      image: { name: "Images per day", unit: "images", windows: { daily: utcDay } },
      speech: { name: "Speech requests per day", unit: "requests", windows: { daily: utcDay } },
      music: { name: "Songs per day", unit: "songs", windows: { daily: utcDay } },
      video: { name: "Videos per day", unit: "videos", windows: { daily: utcDay } },
    },
    tiers: {
      plus: {
        ...v2.tiers.plus,
        limits: { general: { "5h": "1500", weekly: "15000" }, ...media(["50", "100", "10", "0"]) },
      },
      max: {
        ...v2.tiers.max,
        limits: { general: { "5h": "4500", weekly: "45000" }, ...media(["120", "300", "30", "3"]) },
      },
      ultra: {
        ...v2.tiers.ultra,
        limits: { general: { "5h": "30000", weekly: "300000" }, ...media(["300", "800", "80", "5"]) },
      },
    },
    resources: {
      "MiniMax-M2.7": { ...v2.resources["MiniMax-M2.7"], quotaRate: oneRequest } as ResourceInput,
      "speech-turbo": {
        ...v2.resources["speech-turbo"],
        bucket: "speech",
        quotaRate: oneRequest,
      } as ResourceInput,
      "speech-hd": { ...v2.resources["speech-hd"], bucket: "speech", quotaRate: oneRequest } as ResourceInput,
      "image-01": {
        ...v2.resources["image-01"],
        bucket: "image",
        quotaRate: { perMeasure: { images: "1" } },
      } as ResourceInput,
      music: {
        ...v2.resources.music,
        bucket: "music",
        quotaRate: { perMeasure: { songs: "1" } },
      } as ResourceInput,
      "video-standard": v2.resources["video-standard"] as ResourceInput,
      "video-premium": v2.resources["video-premium"] as ResourceInput,
    },
    assumptions: [
      {
        path: "tiers.*.limits",
        note: "v1 request limits per 5-hour block (Plus 1,500, Max 4,500, Ultra 30,000) and the daily media counts are assumed; weekly = 10 × the 5-hour quota is reported.",
      },
      {
        path: "resources",
        note: "v1 text is M2.7 only; every text request counts 1 request whatever its size.",
      },
    ],
  };
}

/** The Coding Plan (to 2026-03-22): prompts on a 5-hour window only; 1 prompt ≈ 15 model calls. */
export function codingPlanData(): CatalogInput {
  const v2base = tokenPlanV2Data({ id: "coding", name: "coding", timeZone: "UTC" });
  const v2 = v2Parts();
  return {
    ...v2base,
    id: "minimax-coding-plan",
    name: "MiniMax Coding Plan (prompts, to 2026-03-22)",
    effectiveFrom: "2025-10-01T00:00:00Z",
    buckets: {
      general: { name: "Model calls (15 per prompt)", unit: "model-calls", windows: { "5h": utcFiveHour } },
    },
    tiers: {
      starter: {
        name: "Starter",
        monthlyPriceUsd: "10",
        bestFor: "Trying the coding agents",
        agents: { min: 1, max: 2 },
        limits: { general: { "5h": "600" } },
      },
      plus: { ...v2.tiers.plus, limits: { general: { "5h": "1500" } } },
      max: { ...v2.tiers.max, limits: { general: { "5h": "4500" } } },
    },
    resources: {
      "MiniMax-M2.7": { ...v2.resources["MiniMax-M2.7"], quotaRate: oneRequest } as ResourceInput,
    },
    assumptions: [
      {
        path: "tiers",
        note: "Coding Plan prompt allowances (Starter 40, Plus 100, Max 300 prompts per 5 hours) and the Starter tier are assumed; the quota counts model calls at 15 per prompt.",
      },
    ],
  };
}

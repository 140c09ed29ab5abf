/**
 * The current Token Plan (v2, from 2026-06-01): one shared quota counted in list-price
 * dollars, 5-hour calendar blocks and a Monday week, video on its own daily bucket.
 * Sources: the provider's pricing page (the seed) and REFERENCE.md; every value they
 * do not confirm is listed in `assumptions`.
 */
import type { CatalogInput } from "./schema";

const fiveHourCuts = ["00:00", "05:00", "10:00", "15:00", "20:00"];

const perMillion = (usd: string) => ({ usd, per: 1_000_000 });
const each = (usd: string) => ({ usd, per: 1 });
const limit = (units: string) => ({ units, boosts: [] });
/** A resource payable with credits (the default `defineCatalog` fills in, in its place: last). */
const payable = <R extends object>(resource: R) => ({ ...resource, creditsEligible: true });

/**
 * Builds the v2 catalog data for a site time zone (UTC for the global site), written in
 * the canonical form `defineCatalog` returns (so it ships without re-validation; a test
 * proves `defineCatalog` maps it to itself).
 */
export function tokenPlanV2Data(options: { id: string; name: string; timeZone: string }): CatalogInput {
  const { timeZone } = options;
  return {
    id: options.id,
    name: options.name,
    effectiveFrom: "2026-06-01T00:00:00.000Z",
    buckets: {
      general: {
        name: "Shared quota: text, image, speech and music",
        unit: "list-price-usd",
        windows: {
          "5h": { label: "5-hour", kind: "calendar", every: "day", cuts: [...fiveHourCuts], timeZone },
          weekly: { label: "weekly", kind: "calendar", every: "week", weekStartsOn: 1, timeZone },
        },
      },
      video: {
        name: "Video",
        unit: "videos",
        windows: { daily: { label: "daily", kind: "calendar", every: "day", timeZone } },
      },
    },
    tiers: {
      plus: {
        name: "Plus",
        monthlyPriceUsd: "20",
        bestFor: "Personal projects and prototyping",
        agents: { min: 3, max: 4 },
        limits: { general: { "5h": limit("6.596"), weekly: limit("98.94") }, video: { daily: limit("0") } },
      },
      max: {
        name: "Max",
        monthlyPriceUsd: "50",
        bestFor: "Daily coding with agents and multimodal work",
        agents: { min: 4, max: 5 },
        limits: { general: { "5h": limit("19.834"), weekly: limit("297.51") }, video: { daily: limit("3") } },
      },
      ultra: {
        name: "Ultra",
        monthlyPriceUsd: "120",
        bestFor: "Heavy Agent workflows and extended sessions",
        agents: { min: 6, max: 7 },
        limits: {
          general: { "5h": limit("47.6016"), weekly: limit("714.024") },
          video: { daily: limit("5") },
        },
      },
    },
    resources: {
      "MiniMax-M3": payable({
        name: "MiniMax-M3",
        kind: "text",
        bucket: "general",
        quotaRate: "list-price",
        prices: {
          inputTokens: perMillion("0.3"),
          outputTokens: perMillion("1.2"),
          cacheReadTokens: perMillion("0.06"),
        },
        longContext: {
          inputTokensAbove: 512_000,
          prices: {
            inputTokens: perMillion("0.6"),
            outputTokens: perMillion("2.4"),
            cacheReadTokens: perMillion("0.12"),
          },
        },
      }),
      "MiniMax-M2.7": payable({
        name: "MiniMax-M2.7",
        kind: "text",
        bucket: "general",
        quotaRate: "list-price",
        prices: {
          inputTokens: perMillion("0.3"),
          outputTokens: perMillion("1.2"),
          cacheReadTokens: perMillion("0.06"),
          cacheWriteTokens: perMillion("0.375"),
        },
      }),
      "speech-turbo": payable({
        name: "Speech (turbo)",
        kind: "speech",
        bucket: "general",
        quotaRate: "list-price",
        prices: { characters: perMillion("60") },
      }),
      "speech-hd": payable({
        name: "Speech (HD)",
        kind: "speech",
        bucket: "general",
        quotaRate: "list-price",
        prices: { characters: perMillion("100") },
      }),
      "image-01": payable({
        name: "image-01",
        kind: "image",
        bucket: "general",
        quotaRate: "list-price",
        prices: { images: each("0.0035") },
      }),
      music: payable({
        name: "Music",
        kind: "music",
        bucket: "general",
        quotaRate: "list-price",
        prices: { songs: each("0.15") },
      }),
      "video-standard": payable({
        name: "Video (lowest list price)",
        kind: "video",
        bucket: "video",
        quotaRate: { perMeasure: { videos: "1" } },
        prices: { videos: each("0.19") },
      }),
      "video-premium": payable({
        name: "Video (highest list price)",
        kind: "video",
        bucket: "video",
        quotaRate: { perMeasure: { videos: "1" } },
        prices: { videos: each("0.56") },
      }),
    },
    credits: {
      packages: {
        "usd-5": { priceUsd: "5", credits: "5000" },
        "usd-25": { priceUsd: "25", credits: "25000" },
        "usd-100": { priceUsd: "100", credits: "100000" },
      },
      customAmount: { minCredits: "5000", stepCredits: "5000" },
      validity: { rule: "elapsed-days", days: 365 },
      grantValidity: { rule: "elapsed-days", days: 365 },
    },
    serviceTiers: { standard: "1", priority: "1.5" },
    subscription: {
      upgrade: "immediate",
      upgradeCharge: "price-difference",
      downgrade: "period-end",
      billingTimeZone: "UTC",
    },
    rounding: {
      usageValue: { places: 12, mode: "half-even" },
      overflowCredits: { places: 12, mode: "half-even" },
    },
    assumptions: [
      {
        path: "tiers.*.limits.general",
        note: "v2 limits are not published. Plus 6.596 and Max 19.834 list-price USD per 5-hour block and Max 297.51 per week read the observed China-site limits (6,596,000 / 19,834,000 / 297,510,000) as micro-dollars; Plus weekly and all of Ultra are scaled (weekly = 15 × block, Ultra = 2.4 × Max by price).",
      },
      {
        path: "tiers.*.limits.video.daily",
        note: "Video daily counts (Plus 0, Max 3, Ultra 5) are observed, not published.",
      },
      {
        path: "resources.video-standard, resources.video-premium",
        note: "Video is priced $0.19–$0.56 per video by model, resolution and length; the two resources stand for the ends of that range.",
      },
      {
        path: "credits.validity",
        note: '"365 days from each purchase date" is read as exactly 365 × 24 h after the purchase instant, expiry exclusive.',
      },
      {
        path: "credits.customAmount",
        note: "Custom purchases: at least 5,000 credits in steps of 5,000 (REFERENCE.md); the seed lists only three packages.",
      },
      {
        path: "credits.grantValidity",
        note: "Promotional grants are valid one year from their issue, like purchases.",
      },
      {
        path: "rounding",
        note: "Rounding is not published. With 12 decimal places every published price is exact, so no rounding happens in practice.",
      },
      {
        path: "subscription.upgradeCharge",
        note: "An upgrade is charged the full monthly price difference (reported), not prorated; the renewal date stays.",
      },
    ],
  };
}

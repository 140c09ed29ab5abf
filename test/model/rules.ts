/**
 * The default catalog's numbers, written out by hand from the rules (Token Plan v2,
 * global site). A separate test checks they agree with the library's catalog data, so
 * a typo here cannot hide behind a typo there.
 */
import type { WindowId } from "./calendar";

export type TierId = "plus" | "max" | "ultra";
export type BucketId = "general" | "video";
export type MeasureId =
  | "inputTokens"
  | "outputTokens"
  | "cacheReadTokens"
  | "cacheWriteTokens"
  | "characters"
  | "images"
  | "songs"
  | "videos";

export const tierIds: readonly TierId[] = ["plus", "max", "ultra"];

export interface TierRule {
  readonly priceUsd: string;
  readonly limits: Readonly<Record<WindowId, string>>;
}

/** Monthly price and limits: general in list-price USD, video in videos per UTC day. */
export const tierRules: Readonly<Record<TierId, TierRule>> = {
  plus: { priceUsd: "20", limits: { "5h": "6.596", weekly: "98.94", daily: "0" } },
  max: { priceUsd: "50", limits: { "5h": "19.834", weekly: "297.51", daily: "3" } },
  ultra: { priceUsd: "120", limits: { "5h": "47.6016", weekly: "714.024", daily: "5" } },
};

export const bucketWindows: Readonly<Record<BucketId, readonly WindowId[]>> = {
  general: ["5h", "weekly"],
  video: ["daily"],
};

export const windowBucket: Readonly<Record<WindowId, BucketId>> = {
  "5h": "general",
  weekly: "general",
  daily: "video",
};

/** USD per `per` units of a measure. */
export interface Price {
  readonly usd: string;
  readonly per: number;
}

export interface ResourceRule {
  readonly bucket: BucketId;
  readonly prices: Partial<Record<MeasureId, Price>>;
  /** When inputTokens is strictly above `above`, the whole request uses `prices`. */
  readonly longContext?: { readonly above: number; readonly prices: Partial<Record<MeasureId, Price>> };
}

const perMillion = (usd: string): Price => ({ usd, per: 1_000_000 });
const each = (usd: string): Price => ({ usd, per: 1 });

export const resourceRules: Readonly<Record<string, ResourceRule>> = {
  "MiniMax-M3": {
    bucket: "general",
    prices: {
      inputTokens: perMillion("0.30"),
      outputTokens: perMillion("1.20"),
      cacheReadTokens: perMillion("0.06"),
    },
    longContext: {
      above: 512_000,
      prices: {
        inputTokens: perMillion("0.60"),
        outputTokens: perMillion("2.40"),
        cacheReadTokens: perMillion("0.12"),
      },
    },
  },
  "MiniMax-M2.7": {
    bucket: "general",
    prices: {
      inputTokens: perMillion("0.30"),
      outputTokens: perMillion("1.20"),
      cacheReadTokens: perMillion("0.06"),
      cacheWriteTokens: perMillion("0.375"),
    },
  },
  "speech-turbo": { bucket: "general", prices: { characters: perMillion("60") } },
  "speech-hd": { bucket: "general", prices: { characters: perMillion("100") } },
  "image-01": { bucket: "general", prices: { images: each("0.0035") } },
  music: { bucket: "general", prices: { songs: each("0.15") } },
  "video-standard": { bucket: "video", prices: { videos: each("0.19") } },
  "video-premium": { bucket: "video", prices: { videos: each("0.56") } },
};

export const resourceIds: readonly string[] = Object.keys(resourceRules);

export const serviceTierMultiplier: Readonly<Record<string, string>> = { standard: "1", priority: "1.5" };

export const packages: Readonly<Record<string, { readonly credits: string; readonly priceUsd: string }>> = {
  "usd-5": { credits: "5000", priceUsd: "5" },
  "usd-25": { credits: "25000", priceUsd: "25" },
  "usd-100": { credits: "100000", priceUsd: "100" },
};

export const customCreditsMin = "5000";
export const customCreditsStep = "5000";
export const creditsPerUsd = "1000";
export const lotValidityDays = 365;
/** Grants (and a void's refund lot) when the grant names no validity. */
export const grantValidityDays = 365;
export const eventIdsRememberedDefault = 256;

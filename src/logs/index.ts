export { claudeCodeReader } from "./claudeCode";
export { createUsageDedupe, type DedupedUsages, type UsageDedupe } from "./dedupe";
export { detectLogFormat, type LogFormat } from "./detect";
export { openAiReader } from "./openAi";
export type { LogLineResult, LogReader, LogReaderOptions, LogSkipReason, UsageEvent } from "./types";
export { type CsvRecord, type CsvUsageReader, usageCsvReader } from "./usageCsv";
export { usageJsonlReader } from "./usageJsonl";

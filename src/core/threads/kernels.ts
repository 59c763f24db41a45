/**
 * What a helper thread can be asked to do: one function per job kind. The helper worker imports
 * this table (and so every kernel's code); callers name a kind and pass its job.
 */
import { runHistogramJob } from "../models/trees/histogram-threads";
import { runSeedingJob } from "../models/kmeans-seeding-job";
import { runPartitionJob } from "../models/trees/partition";
import { runMarkJob, runStepJob } from "../models/trees/boosting-step";
import { runCsvColumnsJob } from "../frame/csv-split";

export const KERNELS = {
  histogram: runHistogramJob,
  kmeansSeeding: runSeedingJob,
  partition: runPartitionJob,
  boostingMarks: runMarkJob,
  boostingStep: runStepJob,
  csvColumns: runCsvColumnsJob,
} as const;

export type JobKind = keyof typeof KERNELS;
export type JobOf<K extends JobKind> = Parameters<(typeof KERNELS)[K]>[0];
export type ResultOf<K extends JobKind> = ReturnType<(typeof KERNELS)[K]>;

/** Runs a job of the given kind: what a helper thread does with each message. */
export function runJob<K extends JobKind>(kind: K, job: JobOf<K>): ResultOf<K> {
  return (KERNELS[kind] as (job: JobOf<K>) => ResultOf<K>)(job);
}

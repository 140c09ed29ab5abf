/**
 * Setup of the mutation runs only (test/mutation/vitest.config.mjs): a property that fails
 * stops at its first counterexample instead of shrinking it. A mutant is killed by the
 * failure itself, and shrinking a long sequence of events can take longer than Stryker's
 * timeout, which made killed mutants cost half a minute each.
 */
import fc from "fast-check";

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });

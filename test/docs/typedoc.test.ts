/**
 * The API pages (`npm run docs`, typedoc with typedoc.json) build without a warning, and
 * show what an integrator looks for: each result type's fields with their docs, and each
 * function's own summary (not the file header of src/index.ts).
 */
import {
  Application,
  type DeclarationReflection,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from "typedoc";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/build";

let app: Application;
let project: Awaited<ReturnType<Application["convert"]>>;
const warnings: string[] = [];

beforeAll(async () => {
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    app = await Application.bootstrapWithPlugins({}, [new TypeDocReader(), new TSConfigReader()]);
    const log = app.logger.log.bind(app.logger);
    app.logger.log = (message, level) => {
      if (level >= 2) warnings.push(String(message)); // warnings and errors
      log(message, level);
    };
    project = await app.convert();
    if (project !== undefined) app.validate(project);
  } finally {
    process.chdir(cwd);
  }
}, 120_000);

function declaration(name: string): DeclarationReflection {
  const found = project?.getChildByName(name);
  if (found === undefined) throw new Error(`${name} is not in the docs`);
  return found as DeclarationReflection;
}

function summaryOf(reflection: DeclarationReflection): string {
  const comment = reflection.signatures?.[0]?.comment ?? reflection.comment;
  return (comment?.summary ?? []).map((part) => part.text).join("");
}

describe("the API docs", () => {
  it("build with zero warnings", () => {
    expect(project).toBeDefined();
    expect(warnings).toEqual([]);
  });

  it.each([
    "CreditBalance",
    "QuotaStatus",
    "WindowStatus",
    "UsageReceipt",
    "UsageQuote",
    "VoidReceipt",
    "Statement",
    "Catalog",
    "CatalogInput",
    "UsageEvent",
    "CreditsDebitedEntry",
  ])("%s is an interface whose fields are listed", (name) => {
    const type = declaration(name);
    expect(type.kind).toBe(ReflectionKind.Interface);
    expect(type.children?.length ?? 0).toBeGreaterThan(1);
  });

  it("the fields carry their docs", () => {
    const status = declaration("WindowStatus");
    const start = status.getChildByName("windowStart") as DeclarationReflection | undefined;
    expect(summaryOf(start as DeclarationReflection)).toContain("The span the window covers");
    const balance = declaration("CreditBalance");
    expect(summaryOf(balance.getChildByName("total") as DeclarationReflection)).toBe("Credits usable now.");
  });

  it("defineCatalog and extendCatalog open with their own summary, not the package's header", () => {
    expect(summaryOf(declaration("defineCatalog"))).toMatch(/^Validates a catalog/);
    expect(summaryOf(declaration("extendCatalog"))).toMatch(/^A catalog changed in a few places/);
    for (const name of ["codingPlanCatalog", "defineCatalog", "extendCatalog", "applyEvent"]) {
      expect(summaryOf(declaration(name))).not.toContain("token-plan: exact, explainable");
    }
  });

  it("the unions list their members as documented interfaces", () => {
    for (const name of ["LedgerEntry", "LedgerOutcome", "LedgerEvent"]) {
      const union = declaration(name);
      expect(union.kind).toBe(ReflectionKind.TypeAlias);
      expect(union.type?.type).toBe("union");
    }
  });
});

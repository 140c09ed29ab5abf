/** Every name `token-plan/postgres` exports has TSDoc with an `@example`, as the core's do. */
import ts from "typescript";
import { describe, expect, it } from "vitest";

function exportedDocs(): { name: string; documented: boolean }[] {
  const entry = new URL("../../src/postgres/index.ts", import.meta.url).pathname;
  const program = ts.createProgram([entry], {
    strict: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    paths: { "token-plan": [new URL("../../src/index.ts", import.meta.url).pathname] },
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error("no module symbol for src/postgres/index.ts");
  const out: { name: string; documented: boolean }[] = [];
  const visit = (symbol: ts.Symbol, prefix: string) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (
      target.flags & ts.SymbolFlags.ValueModule &&
      target.exports !== undefined &&
      target.valueDeclaration &&
      ts.isSourceFile(target.valueDeclaration)
    ) {
      for (const inner of checker.getExportsOfModule(target)) visit(inner, `${prefix}${symbol.name}.`);
      return;
    }
    const documented =
      target.getDocumentationComment(checker).length > 0 &&
      target.getJsDocTags(checker).some((tag) => tag.name === "example");
    out.push({ name: prefix + symbol.name, documented });
  };
  for (const symbol of checker.getExportsOfModule(module)) visit(symbol, "");
  return out;
}

describe("token-plan/postgres API docs", () => {
  const docs = exportedDocs();
  it("exports the store's API", () => {
    expect(docs.map((d) => d.name)).toEqual(
      expect.arrayContaining(["createLedgerStore", "withLedger", "migrate", "pgDriver", "pgliteDriver"]),
    );
  });
  it("every exported name has TSDoc with an @example", () => {
    expect(docs.filter((d) => !d.documented).map((d) => d.name)).toEqual([]);
  });
});

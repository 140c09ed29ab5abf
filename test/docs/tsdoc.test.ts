import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Every name the package exports, with the TSDoc tags of its declaration. */
function exportedDocs(): { name: string; hasDoc: boolean; hasExample: boolean }[] {
  const entry = new URL("../../src/index.ts", import.meta.url).pathname;
  const program = ts.createProgram([entry], {
    strict: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error("no entry");
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error("no module symbol");
  const out: { name: string; hasDoc: boolean; hasExample: boolean }[] = [];
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
    const docs = target.getDocumentationComment(checker);
    const tags = target.getJsDocTags(checker);
    out.push({
      name: prefix + symbol.name,
      hasDoc: docs.length > 0,
      hasExample: tags.some((t) => t.name === "example"),
    });
  };
  for (const symbol of checker.getExportsOfModule(module)) visit(symbol, "");
  return out;
}

describe("public API docs", () => {
  const docs = exportedDocs();
  it("exports a real API", () => {
    expect(docs.length).toBeGreaterThan(40);
  });
  it("every exported name has TSDoc with an @example", () => {
    expect(docs.filter((d) => !d.hasDoc || !d.hasExample).map((d) => d.name)).toEqual([]);
  });
});

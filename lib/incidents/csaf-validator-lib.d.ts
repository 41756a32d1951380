// The BSI CSAF validator ships JavaScript without declarations for these entry points.
declare module "@secvisogram/csaf-validator-lib/basic.js" {
  type DocumentTest = (doc: unknown) => unknown;
  const tests: Record<string, DocumentTest>;
  export = tests;
}

declare module "@secvisogram/csaf-validator-lib/validateStrict.js" {
  export default function validateStrict(tests: readonly ((doc: unknown) => unknown)[], doc: unknown): Promise<unknown>;
}

/**
 * Validates a CSAF 2.0 document with the BSI's `@secvisogram/csaf-validator-lib` (strict mode:
 * its strict JSON schema test and every mandatory test, the library's `basic` set).
 * @returns `{ isValid, errors: [{ test, message, instancePath }] }`.
 */
import * as basic from "@secvisogram/csaf-validator-lib/basic.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";

export type CsafValidation = { isValid: boolean; errors: { test: string; message: string; instancePath: string }[] };

export async function validateCsaf(doc: unknown): Promise<CsafValidation> {
  const result = (await validateStrict(Object.values(basic), doc)) as { isValid: boolean; tests: { name: string; errors: { message: string; instancePath: string }[] }[] };
  return {
    isValid: result.isValid,
    errors: result.tests.flatMap((t) => t.errors.map((e) => ({ test: t.name, message: e.message, instancePath: e.instancePath }))),
  };
}

/**
 * in-toto Statement v1 (https://github.com/in-toto/attestation, spec/v1/statement.md): the
 * signed claim "these artifacts (subjects, by digest) have this predicate". Pure.
 */

export const IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

/** One artifact the statement is about: a name and at least one digest (algorithm → lower-case hex). */
export type InTotoSubject = { name: string; digest: Record<string, string> };

export type InTotoStatement<P> = {
  _type: typeof IN_TOTO_STATEMENT_TYPE;
  subject: InTotoSubject[];
  predicateType: string;
  predicate: P;
};

/**
 * Builds a Statement v1. Subjects must be non-empty and each needs a digest (the spec's
 * requirement); `predicateType` is a URI naming the predicate's schema.
 * @throws Error on an empty subject list, a subject without digests or a non-hex digest value.
 */
export function inTotoStatement<P>(subjects: readonly InTotoSubject[], predicateType: string, predicate: P): InTotoStatement<P> {
  if (subjects.length === 0) throw new Error("An in-toto statement needs at least one subject.");
  for (const s of subjects) {
    const entries = Object.entries(s.digest);
    if (entries.length === 0) throw new Error(`Subject "${s.name}" has no digest.`);
    for (const [alg, value] of entries) {
      if (!/^[a-z0-9-]+$/.test(alg) || !/^[0-9a-f]+$/.test(value)) throw new Error(`Subject "${s.name}" has a malformed ${alg} digest.`);
    }
  }
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
    predicateType,
    predicate,
  };
}

/**
 * How deeply a JSON text nests arrays and objects, measured on the text before parsing (pure).
 * Recursive validators (JSON Schema, Zod) overflow the stack on documents nested thousands of
 * levels deep; this scan is a loop, so it is safe on any input and costs one pass.
 */

export type NestingOverflow = { depth: number; line: number };

/**
 * The first place where `text` nests deeper than `maxDepth` (a top-level object is depth 1),
 * or null. Brackets inside strings do not count. Malformed JSON is not reported here.
 */
export function findNestingOverflow(text: string, maxDepth: number): NestingOverflow | null {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return { depth, line };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

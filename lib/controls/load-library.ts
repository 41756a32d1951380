/**
 * The control libraries shipped with the product. Each version is a JSON file imported
 * statically (so every bundler includes it), parsed once with the library schema and then
 * shared frozen: callers get the same validated object and cannot alter it by accident.
 */
import v1 from "./library/v1.json";
import { type TControl, type TControlLibrary, ZControlLibrary } from "./library-schema";

const SHIPPED = {
  "1.0.0": v1,
} as const satisfies Record<string, unknown>;

export type ShippedLibraryVersion = keyof typeof SHIPPED;
export const SHIPPED_LIBRARY_VERSIONS = Object.keys(SHIPPED) as ShippedLibraryVersion[];
export const LATEST_LIBRARY_VERSION: ShippedLibraryVersion = "1.0.0";

const cache = new Map<string, TControlLibrary>();

export function isShippedLibraryVersion(version: string): version is ShippedLibraryVersion {
  return Object.prototype.hasOwnProperty.call(SHIPPED, version);
}

/**
 * The shipped library at `version`, validated. Throws if the version is unknown or the file
 * fails the schema (a packaging bug, never user input). The result is deeply frozen.
 */
export function loadLibrary(version: string = LATEST_LIBRARY_VERSION): TControlLibrary {
  const cached = cache.get(version);
  if (cached) return cached;
  if (!isShippedLibraryVersion(version)) {
    throw new Error(`Unknown control library version "${version}"; shipped: ${SHIPPED_LIBRARY_VERSIONS.join(", ")}.`);
  }
  const parsed = ZControlLibrary.safeParse(SHIPPED[version]);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Control library ${version} is invalid: ${first.join("; ")}`);
  }
  if (parsed.data.version !== version) {
    throw new Error(`Control library file for ${version} declares version ${parsed.data.version}.`);
  }
  const doc = deepFreeze(parsed.data);
  cache.set(version, doc);
  return doc;
}

export type TFlatControl = TControl & {
  pillarId: TControlLibrary["pillars"][number]["id"];
  pillarTitle: string;
  principleId: string;
  principleTitle: string;
};

/** Every control in library order, each with its pillar and principle IDs and titles. */
export function flattenControls(doc: TControlLibrary): TFlatControl[] {
  return doc.pillars.flatMap((pillar) =>
    pillar.principles.flatMap((principle) =>
      principle.controls.map((control) => ({
        ...control,
        pillarId: pillar.id,
        pillarTitle: pillar.title,
        principleId: principle.id,
        principleTitle: principle.title,
      })),
    ),
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

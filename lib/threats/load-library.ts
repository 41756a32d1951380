/**
 * The threat libraries shipped with the product. Each version is a JSON file imported
 * statically, parsed once with the library schema (which also checks every suggested control
 * against the control library) and shared deeply frozen.
 */
import v1 from "./library/v1.json";
import { type TThreatEntry, type TThreatLibrary, ZThreatLibrary } from "./library-schema";

const SHIPPED = {
  "1.0.0": v1,
} as const satisfies Record<string, unknown>;

export type ShippedThreatLibraryVersion = keyof typeof SHIPPED;
export const SHIPPED_THREAT_LIBRARY_VERSIONS = Object.keys(SHIPPED) as ShippedThreatLibraryVersion[];
export const LATEST_THREAT_LIBRARY_VERSION: ShippedThreatLibraryVersion = "1.0.0";

const cache = new Map<string, TThreatLibrary>();

export function isShippedThreatLibraryVersion(version: string): version is ShippedThreatLibraryVersion {
  return Object.prototype.hasOwnProperty.call(SHIPPED, version);
}

/**
 * The shipped threat library at `version`, validated and deeply frozen. Throws if the version
 * is unknown or the file fails the schema (a packaging bug, never user input).
 */
export function loadThreatLibrary(version: string = LATEST_THREAT_LIBRARY_VERSION): TThreatLibrary {
  const cached = cache.get(version);
  if (cached) return cached;
  if (!isShippedThreatLibraryVersion(version)) {
    throw new Error(`Unknown threat library version "${version}"; shipped: ${SHIPPED_THREAT_LIBRARY_VERSIONS.join(", ")}.`);
  }
  const parsed = ZThreatLibrary.safeParse(SHIPPED[version]);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Threat library ${version} is invalid: ${first.join("; ")}`);
  }
  if (parsed.data.version !== version) throw new Error(`Threat library file for ${version} declares version ${parsed.data.version}.`);
  const doc = deepFreeze(parsed.data);
  cache.set(version, doc);
  return doc;
}

/** One entry by ID, or undefined. */
export function findThreatEntry(doc: TThreatLibrary, id: string): TThreatEntry | undefined {
  return doc.threats.find((t) => t.id === id);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

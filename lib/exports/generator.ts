/**
 * Who made an export: written into every pack manifest, BOM (`metadata.tools`) and OSCAL
 * document. The version follows package.json (a unit test keeps them equal).
 */
export const GENERATOR = { vendor: "aigov", name: "aigov", version: "0.1.0" } as const;

/** The CycloneDX property namespace for fields the standard has no place for (asset kind, sensitivity, ...). */
export const PROPERTY_PREFIX = "aigov:";

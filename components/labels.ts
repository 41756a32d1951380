// The labels and tones live in lib/labels.ts (one list for server and client); this module
// keeps older imports working.
export * from "@/lib/labels";

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

/**
 * A size the way people read it, in binary units (limits are configured in bytes):
 * 1000 -> "1000 bytes", 1536 -> "1.5 KB", 26214400 -> "25 MB", 3 GiB -> "3 GB".
 * One decimal at most, trailing ".0" dropped. Pure: used by pages, client components and services.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${+(bytes / GIB).toFixed(1)} GB`;
  if (bytes >= MIB) return `${+(bytes / MIB).toFixed(1)} MB`;
  if (bytes >= KIB) return `${+(bytes / KIB).toFixed(1)} KB`;
  return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
}

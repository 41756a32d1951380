import { getConfig } from "@/lib/config";

/**
 * The origin people reach the app at, for absolute links in API answers: AUTH_URL's origin when
 * configured (behind a proxy the request URL may be internal), else the request's own origin.
 */
export function publicOrigin(request: Request): string {
  const configured = getConfig().AUTH_URL;
  return configured ? new URL(configured).origin : new URL(request.url).origin;
}

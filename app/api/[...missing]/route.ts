// Any /api address no route handler matches: a JSON 404 for every method, like the other API
// errors (`{ error: { code, message } }`), instead of the HTML page `(app)/[...missing]` would
// render (or a redirect to sign-in for a caller without a session). Not in the OpenAPI document:
// it names no resource.
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

const missing = route({ auth: "none" }, async ({ request }) => {
  const { pathname } = new URL(request.url);
  throw new NotFoundError(`There is no API endpoint at ${pathname.slice(0, 200)}. The reference is at /api-reference.`);
});

export const GET = missing;
export const POST = missing;
export const PUT = missing;
export const PATCH = missing;
export const DELETE = missing;

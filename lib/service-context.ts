import type { Actor, RequestMeta } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";

/** Every service takes the acting user and the database explicitly (easy to test). */
export type ServiceContext = { actor: Actor; db: Db; meta?: RequestMeta };

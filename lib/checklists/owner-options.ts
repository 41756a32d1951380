/**
 * The Owner picker's options for one item: everyone who may own items of the system (as
 * `listItemOwners` lists them), plus the item's current owner when they are not among them,
 * labelled "Name (no longer on this system)", so the form shows who owns the item and a save
 * that does not touch the Owner field keeps them (finding 1; the service allows keeping the
 * current owner, lib/checklists/item-owners.ts). Pure; the order of `people` is kept, the
 * former owner comes first.
 *
 * @param people `{ id, name }[]` who may own items now.
 * @param current the item's owner (`id` null: unassigned; `name` null: unknown).
 * @returns `{ id, label }[]`, without the "Unassigned" option.
 */
export function ownerOptions(people: readonly { id: string; name: string }[], current: { id: string | null; name: string | null }) {
  const options = people.map((p) => ({ id: p.id, label: p.name }));
  if (current.id && !people.some((p) => p.id === current.id)) {
    options.unshift({ id: current.id, label: `${current.name ?? "The current owner"} (no longer on this system)` });
  }
  return options;
}

/** Every dotted key of a catalogue's tree with its message, walked the long way (for the catalogue tests; `translate` indexes its own). */
export function walk(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([name, value]) => walk(value, prefix ? `${prefix}.${name}` : name));
}

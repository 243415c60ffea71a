/**
 * What each kind of audit event carries, as one zod discriminated union on `type` (after documenso's
 * document-audit-logs). `appendAuditEvent` checks a payload of a listed type against its schema
 * before it is hashed, so a listed event can never be written in another shape; readers use
 * `parseAuditEvent` instead of casting `payload.reasons as string[]`.
 *
 * Workflow events carry the client's event plus the server's facts (they vary with the machine), so
 * their schemas are loose: they pin the fields people read and let the facts through. Types not
 * listed here are stored as they come (canonical JSON) and parse as `unknown`.
 */
import { z } from "zod";

/** One changed field: the value before and after (JSON values; `null` for "not set"). */
export const fieldChangeSchema = z.strictObject({ from: z.unknown(), to: z.unknown() });
/** `{ field: { from, to } }` for every field whose value changed, and only those. */
export const fieldChangesSchema = z.record(z.string(), fieldChangeSchema);
export type FieldChanges = z.infer<typeof fieldChangesSchema>;

const id = z.string().min(1);
const count = z.number().int();

export const AUDIT_PAYLOADS = {
  /** Intake fields edited while draft/revision: which fields, and each one's value before and after. */
  EDIT: z.strictObject({ fields: z.array(z.string()), changes: fieldChangesSchema }),
  /** A joint-plan revision: sections changed (with before/after), signatures the edit cleared. */
  PLAN_SAVED: z.strictObject({
    revision: count,
    changed: z.array(z.string()),
    clearedSignatures: z.array(z.enum(["MINISTRY", "MSIT"])),
    changes: fieldChangesSchema,
  }),
  PLAN_SIGNED: z.strictObject({ revision: count, side: z.enum(["MINISTRY", "MSIT"]), coSigned: z.boolean() }),
  POOL_UPDATED: z.strictObject({ from: count, to: count }),
  TRANCHE_CREATED: z.looseObject({ trancheId: id, label: z.string(), capacity: count, arrivalMonth: z.string() }),
  /** A tranche edit: each edited field's value before and after. */
  TRANCHE_UPDATED: z.strictObject({ trancheId: id, fields: z.array(z.string()), changes: fieldChangesSchema }),
  /** The tranche as it was when deleted. */
  TRANCHE_DELETED: z.strictObject({ trancheId: id, before: z.record(z.string(), z.unknown()) }),
  ATTACH: z.strictObject({ attachmentId: id, name: z.string(), size: count, sha256: z.string(), conditionId: id.optional() }),
  DETACH: z.strictObject({ attachmentId: id, name: z.string(), size: count, conditionId: id.optional() }),
  /** Start-up reconciliation found a row whose stored bytes are gone: the row is removed, this keeps its trace. */
  ATTACHMENT_LOST: z.strictObject({ attachmentId: id, name: z.string(), size: count, sha256: z.string(), storageKey: z.string(), conditionId: id.optional() }),
  RETURN: z.looseObject({ reasons: z.array(z.string()).min(1) }),
  WITHDRAW: z.looseObject({ reason: z.string() }),
  REFUSE_SIGNOFF: z.looseObject({ reason: z.string() }),
  DECIDE: z.looseObject({ outcome: z.enum(["approve", "approveWithConditions", "defer", "reject"]), approvedGpus: count }),
  ALLOCATE: z.looseObject({ gpus: count, allocationId: id, trancheId: id }),
  RELEASE: z.looseObject({ gpus: count }),
} as const;

type Payloads = typeof AUDIT_PAYLOADS;
export type TypedAuditType = keyof Payloads;
export type AuditPayloadOf<T extends TypedAuditType> = z.input<Payloads[T]>;

/** The payload a writer must give for `type`: the schema's input for a listed type, anything otherwise. */
export type PayloadFor<T extends string> = T extends TypedAuditType ? AuditPayloadOf<T> : unknown;

const variants = (Object.keys(AUDIT_PAYLOADS) as TypedAuditType[]).map((type) =>
  z.object({ type: z.literal(type), payload: AUDIT_PAYLOADS[type] }),
) as unknown as [z.ZodObject<{ type: z.ZodLiteral<TypedAuditType>; payload: z.ZodType }>];

/** `{ type, payload }` of the listed event types. */
export const auditEventSchema = z.discriminatedUnion("type", variants);

export type TypedAuditEvent = { [T in TypedAuditType]: { type: T; payload: z.output<Payloads[T]> } }[TypedAuditType];

export function isTypedAuditType(type: string): type is TypedAuditType {
  return Object.hasOwn(AUDIT_PAYLOADS, type);
}

/** Checks a payload before it is written; a listed type in the wrong shape is a programming error. */
export function checkAuditPayload(type: string, payload: unknown): void {
  if (!isTypedAuditType(type)) return;
  const result = AUDIT_PAYLOADS[type].safeParse(payload);
  if (!result.success) {
    throw new Error(`audit payload of ${type} does not match its schema: ${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
}

/** A stored event read back: typed for a listed type, `{ type, payload: unknown }` otherwise. */
export function parseAuditEvent(type: string, payloadJson: string): TypedAuditEvent | { type: string; payload: unknown } {
  const payload: unknown = JSON.parse(payloadJson);
  if (!isTypedAuditType(type)) return { type, payload };
  return auditEventSchema.parse({ type, payload }) as TypedAuditEvent;
}

/** The payload of a stored event of a listed type, typed (throws if it is not in that shape). */
export function parseAuditPayload<T extends TypedAuditType>(type: T, payloadJson: string): z.output<Payloads[T]> {
  return AUDIT_PAYLOADS[type].parse(JSON.parse(payloadJson)) as z.output<Payloads[T]>;
}

/**
 * The fields of `after` whose value differs from `before`, with both values (JSON-comparable:
 * dates as ISO strings, bigints as numbers, `undefined` as null). Only the keys of `after` are
 * compared (an `undefined` value counts as not sent), so a partial edit records exactly what it touched.
 */
export function fieldChanges(before: Record<string, unknown> | null | undefined, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after).sort()) {
    if (after[key] === undefined) continue; // not sent: not edited
    const from = jsonValue(before?.[key]);
    const to = jsonValue(after[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

function jsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

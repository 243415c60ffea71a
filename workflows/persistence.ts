/**
 * Storing and restoring workflow snapshots.
 *
 * Store `persistSnapshot(snapshot)` (plain JSON: `{ value, context }`) together with
 * `MACHINE_VERSION`. On load, `restoreSnapshot(stored, storedVersion)` runs the stored JSON through
 * `migrations` up to the current version and resolves it against the machine. A snapshot that is
 * malformed, or was written by an unknown (e.g. newer) version, throws `SnapshotVersionError`: the
 * caller must not guess.
 */
import { demandRequestMachine, MACHINE_VERSION, REQUEST_STATES } from "./demand-request.machine";
import type { RequestContext, RequestSnapshot } from "./demand-request.machine";
import type { StateValue } from "xstate";

export interface PersistedRequestSnapshot {
  value: StateValue;
  context: RequestContext;
}

export class SnapshotVersionError extends Error {
  readonly storedVersion: unknown;
  constructor(message: string, storedVersion: unknown) {
    super(message);
    this.name = "SnapshotVersionError";
    this.storedVersion = storedVersion;
  }
}

/**
 * `migrations[n]` turns a snapshot stored by machine version `n` into one valid for version `n + 1`
 * (rename a state in `value`, add a context field with its default, ...). When you bump
 * MACHINE_VERSION, add the entry for the previous version here and a test that restores a fixture
 * stored by it.
 */
export const migrations: Readonly<Record<number, (stored: PersistedRequestSnapshot) => PersistedRequestSnapshot>> = {
  // 1 → 2: conditionsOpen; in version 1 conditions could only be open in `conditionallyApproved`
  1: (stored) => ({ ...stored, context: { ...stored.context, conditionsOpen: stored.value === "conditionallyApproved" } }),
  // 2 → 3: reconsidering; nothing could be under reconsideration before version 3
  2: (stored) => ({ ...stored, context: { ...stored.context, reconsidering: null } }),
};

export function persistSnapshot(snapshot: RequestSnapshot): PersistedRequestSnapshot {
  return JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }));
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isStr = (x: unknown) => typeof x === "string";
const isNum = (x: unknown) => typeof x === "number" && Number.isFinite(x);
const orNull = (x: unknown, f: (y: unknown) => boolean) => x === null || f(x);

/** Returns the first problem with a stored context, or null when it has the current shape. */
function contextProblem(c: unknown): string | null {
  if (!isObj(c)) return "context is not an object";
  if (!isStr(c.ministryId)) return "context.ministryId";
  if (!Number.isInteger(c.quorum) || (c.quorum as number) < 1) return "context.quorum";
  if (!orNull(c.meetingId, isStr)) return "context.meetingId";
  if (!orNull(c.agreedGpus, isNum)) return "context.agreedGpus";
  if (!orNull(c.approvedGpus, isNum)) return "context.approvedGpus";
  if (!isNum(c.allocatedGpus)) return "context.allocatedGpus";
  if (!Array.isArray(c.returnReasons) || !c.returnReasons.every(isStr)) return "context.returnReasons";
  if (typeof c.conditionsOpen !== "boolean") return "context.conditionsOpen";
  if (!isSignoffs(c.signoffs)) return "context.signoffs";
  if (!isDecision(c.decision)) return "context.decision";
  const r = c.reconsidering;
  if (r !== null && !(isObj(r) && isStr(r.previous) && orNull(r.meetingId, isStr) && isDecision(r.decision))) {
    return "context.reconsidering";
  }
  return null;
}

const isDecision = (d: unknown) => d === null || (isObj(d) && isStr(d.outcome) && isNum(d.approvedGpus) && Array.isArray(d.conditions) && isStr(d.meetingId));
const isSignoffs = (s: unknown) => Array.isArray(s) && s.every((x) => isObj(x) && isStr(x.approverId) && typeof x.isChair === "boolean");

/**
 * Rebuilds a snapshot from what was stored (the output of `persistSnapshot`, or of xstate's
 * `getPersistedSnapshot`, after a JSON round trip) and the machine version stored beside it.
 */
export function restoreSnapshot(stored: unknown, storedMachineVersion: number): RequestSnapshot {
  const versions = `this build reads machine versions 1..${MACHINE_VERSION}`;
  if (!Number.isInteger(storedMachineVersion) || storedMachineVersion < 1 || storedMachineVersion > MACHINE_VERSION) {
    throw new SnapshotVersionError(`Stored workflow snapshot has machine version ${String(storedMachineVersion)}; ${versions}.`, storedMachineVersion);
  }
  const malformed = (why: string) =>
    new SnapshotVersionError(`Stored workflow snapshot (machine version ${storedMachineVersion}) is malformed: ${why}; ${versions}.`, storedMachineVersion);
  if (!isObj(stored) || !("value" in stored) || !("context" in stored)) throw malformed("expected { value, context }");
  let current: PersistedRequestSnapshot = { value: stored.value as StateValue, context: stored.context as RequestContext };
  for (let v = storedMachineVersion; v < MACHINE_VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) throw malformed(`no migration from version ${v} to ${v + 1}`);
    current = migrate(current);
  }
  const problem = contextProblem(current.context);
  if (problem) throw malformed(problem);
  const v = current.value;
  const top = typeof v === "string" ? v : isObj(v) ? Object.keys(v)[0] : undefined;
  if (!REQUEST_STATES.includes(top as (typeof REQUEST_STATES)[number])) throw malformed(`unknown state ${JSON.stringify(v)}`);
  try {
    return demandRequestMachine.resolveState({ value: v, context: current.context });
  } catch (e) {
    throw malformed(e instanceof Error ? e.message : String(e));
  }
}

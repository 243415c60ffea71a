/**
 * The OpenAPI document of /api/v1, generated from the same zod schemas the services, forms and API
 * routes validate with (API.md "Schema"), so the contract can't drift from the code.
 */
import { z } from "zod";
import { createApiTokenSchema, revokeApiTokenSchema } from "~/modules/auth/auth.schema";
import {
  createMeetingSchema,
  addAgendaItemSchema,
  reorderAgendaSchema,
  lockAgendaSchema,
  reasonSchema,
  updateMeetingSchema,
} from "~/modules/meetings/meeting.schema";
import { putPlanSchema, signPlanSchema } from "~/modules/plans/plan.schema";
import {
  allocateSchema,
  commitPlanSchema,
  createTrancheSchema,
  deleteTrancheSchema,
  planRequestSchema,
  updatePoolSchema,
  updateTrancheSchema,
} from "~/modules/pool/pool.schema";
import { bulkScreeningSchema } from "~/modules/screening/screening.schema";
import { auditQuerySchema } from "~/modules/audit/audit-log.server";
import { commentBodySchema } from "~/modules/comments/comments.server";
import { listNotificationsQuerySchema, markReadSchema } from "~/modules/notifications/notify.schema";
import { createUserSchema, updateUserSchema } from "~/modules/users/users.schema";
import { draftIntakeSchema, eventBodySchema, listQuerySchema, patchRequestSchema } from "~/modules/requests/request.schema";

type Json = Record<string, unknown>;
const schema = (s: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
};
const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } },
    },
    current: { type: "object", description: "On 409 VERSION_CONFLICT: the current state and version." },
  },
};
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: DESCRIPTIONS[c], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
  );
const DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (e.g. not multipart/form-data)",
  401: "No session or token",
  403: "The caller's role may not do this",
  404: "Not found, or outside the caller's scope",
  409: "Stale expected version, or a conflict",
  413: "File too large",
  415: "File type not allowed",
  422: "Invalid body (error.fields) or event not allowed (error.message says why)",
  429: "Too many attempts (Retry-After)",
};
const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const ok = (description: string, status = "200") => ({ [status]: { description } });
const idParam = (name = "id") => ({ name, in: "path", required: true, schema: { type: "string" } });

/** The properties of a query-string schema as OpenAPI query parameters. */
function queryParams(zodSchema: z.ZodType): Json[] {
  const properties = (schema(zodSchema) as { properties?: Record<string, Json> }).properties ?? {};
  return Object.entries(properties).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));
}

export function openApiDocument(): Json {
  const query = schema(listQuerySchema) as { properties: Record<string, Json> };
  return {
    openapi: "3.1.0",
    info: { title: "AX demand intake and deliberation API", version: "1" },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        cookie: { type: "apiKey", in: "cookie", name: "ax_session" },
        bearer: { type: "http", scheme: "bearer", description: "Personal API token" },
      },
      schemas: {
        Error: ERROR,
        Intake: schema(draftIntakeSchema),
        PatchRequest: schema(patchRequestSchema),
        Event: schema(eventBodySchema),
        PutPlan: schema(putPlanSchema),
        SignPlan: schema(signPlanSchema),
        CreateMeeting: schema(createMeetingSchema),
        AddAgendaItem: schema(addAgendaItemSchema),
        ReorderAgenda: schema(reorderAgendaSchema),
        LockAgenda: schema(lockAgendaSchema),
        UpdateMeeting: schema(updateMeetingSchema),
        Reason: schema(reasonSchema),
        BulkScreening: schema(bulkScreeningSchema),
        UpdatePool: schema(updatePoolSchema),
        CreateTranche: schema(createTrancheSchema),
        UpdateTranche: schema(updateTrancheSchema),
        DeleteTranche: schema(deleteTrancheSchema),
        Allocate: schema(allocateSchema),
        PlanRequest: schema(planRequestSchema),
        CommitPlan: schema(commitPlanSchema),
        CreateApiToken: schema(createApiTokenSchema),
        RevokeApiToken: schema(revokeApiTokenSchema),
        MarkRead: schema(markReadSchema),
        Comment: schema(commentBodySchema),
        CreateUser: schema(createUserSchema),
        UpdateUser: schema(updateUserSchema),
      },
    },
    security: [{ cookie: [] }, { bearer: [] }],
    paths: {
      "/session": {
        post: {
          summary: "Sign in",
          security: [],
          requestBody: {
            content: { "application/json": { schema: { type: "object", properties: { email: { type: "string" }, password: { type: "string" } } } } },
          },
          responses: { ...ok("Signed in"), ...errors(401, 429) },
        },
        delete: { summary: "Sign out", responses: ok("Signed out", "204") },
      },
      "/requests": {
        get: {
          summary: "Requests the caller may see",
          parameters: Object.entries(query.properties).map(([name, s]) => ({ name, in: "query", required: false, schema: s })),
          responses: { ...ok("{ items, nextCursor }"), ...errors(401, 422) },
        },
        post: { summary: "Create a draft (MINISTRY_OFFICER)", requestBody: body("Intake"), responses: { ...ok("Created", "201"), ...errors(401, 403, 422) } },
      },
      "/requests/{id}": {
        parameters: [idParam()],
        get: { summary: "One request with allowedEvents for the caller", responses: { ...ok("The request"), ...errors(401, 404) } },
        patch: {
          summary: "Edit while draft or revision",
          requestBody: body("PatchRequest"),
          responses: { ...ok("Updated"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/requests/{id}/events": {
        parameters: [idParam()],
        post: {
          summary: "Send a workflow event",
          requestBody: body("Event"),
          responses: { ...ok("{ state, version, allowedEvents }"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/requests/{id}/history": {
        parameters: [idParam()],
        get: {
          summary:
            'Audit events of the request, oldest first, paged: ?limit= (default 200, at most 1000) and ?after=<seq>; the next page is in the Link header (rel="next") and X-Next-After',
          responses: { ...ok("Events"), ...errors(401, 404) },
        },
      },
      "/requests/{id}/attachments": {
        parameters: [idParam()],
        get: {
          summary: "The request's files (and condition evidence)",
          responses: { ...ok("{ items: [{ id, name, size, type, conditionId, uploadedBy, createdAt }] }"), ...errors(401, 404) },
        },
        post: {
          summary: "Upload one file (multipart field `file`; PDF, HWP, HWPX, DOCX, XLSX, PNG, JPEG by content and extension; 20 MB; 10 per request)",
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } } },
          },
          responses: { ...ok("{ id, name, size, type }", "201"), ...errors(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      "/requests/{id}/attachments/{attachmentId}": {
        parameters: [idParam(), idParam("attachmentId")],
        get: { summary: "The file's bytes (original name in Content-Disposition, RFC 5987)", responses: { ...ok("The file"), ...errors(401, 404) } },
        delete: { summary: "Delete a file while the request is editable", responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404, 422) } },
      },
      "/requests/{id}/plan": {
        parameters: [idParam()],
        get: { summary: "The joint plan", responses: { ...ok("The plan"), ...errors(401, 404) } },
        put: {
          summary: "Save a new revision (clears both signatures)",
          requestBody: body("PutPlan"),
          responses: { ...ok("The plan"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/requests/{id}/plan/sign": {
        parameters: [idParam()],
        post: {
          summary: "Sign the current revision for the caller's side",
          requestBody: body("SignPlan"),
          responses: { ...ok("The plan"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/requests/{id}/plan/revisions": {
        parameters: [idParam()],
        get: { summary: "Every revision, newest first", responses: { ...ok("Revisions"), ...errors(401, 404) } },
      },
      "/requests/{id}/decisions": {
        parameters: [idParam()],
        get: { summary: "Decisions, sign-offs and conditions", responses: { ...ok("Decisions"), ...errors(401, 404) } },
      },
      "/conditions/{id}/{step}": {
        parameters: [idParam(), { name: "step", in: "path", required: true, schema: { type: "string", enum: ["evidence", "met", "return"] } }],
        post: {
          summary: "Submit evidence (ministry), mark met or send back (SECRETARIAT)",
          responses: { ...ok("{ status, version }"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/meetings": {
        get: { summary: "Meetings (not for ministry officers)", responses: { ...ok("Meetings"), ...errors(401, 404) } },
        post: {
          summary: "Create a meeting (SECRETARIAT); a date before today (Korean time) → 422 VALIDATION_FAILED",
          requestBody: body("CreateMeeting"),
          responses: { ...ok("Created", "201"), ...errors(401, 403, 409, 422) },
        },
      },
      "/meetings/{id}": {
        parameters: [idParam()],
        get: {
          summary: "A meeting with its agenda (items with their 의안번호 `number`), decisions (every version) and removedItems",
          responses: { ...ok("The meeting"), ...errors(401, 404) },
        },
        patch: {
          summary: "Edit date, start time, title, place, attendees while the agenda is not locked (SECRETARIAT); audited",
          requestBody: body("UpdateMeeting"),
          responses: { ...ok("The meeting"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/meetings/{id}/agenda/{requestId}": {
        parameters: [idParam(), idParam("requestId")],
        delete: {
          summary: "Take an item off an unlocked agenda with a reason (the UNSCHEDULE event; expectedVersion is the request's)",
          requestBody: body("Reason"),
          responses: { ...ok("{ request: { state, version, allowedEvents } }"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/meetings/{id}/unlock": {
        parameters: [idParam()],
        post: {
          summary: "Unlock the agenda with a reason, only while no decision is recorded",
          requestBody: body("Reason"),
          responses: { ...ok("Unlocked"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/meetings/{id}/cancel": {
        parameters: [idParam()],
        post: {
          summary: "Cancel a meeting without decisions, with a reason: every item goes back through UNSCHEDULE",
          requestBody: body("Reason"),
          responses: { ...ok("Cancelled"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/meetings/{id}/agenda": {
        parameters: [idParam()],
        post: {
          summary: "Put a request on the agenda (the SCHEDULE event)",
          requestBody: body("AddAgendaItem"),
          responses: { ...ok("Added", "201"), ...errors(401, 403, 404, 409, 422) },
        },
        put: {
          summary: "Reorder the whole agenda",
          requestBody: body("ReorderAgenda"),
          responses: { ...ok("The agenda"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/meetings/{id}/lock": {
        parameters: [idParam()],
        post: { summary: "Lock the agenda", responses: { ...ok("Locked"), ...errors(401, 403, 404, 409, 422) } },
      },
      "/meetings/{id}/minutes": {
        parameters: [idParam()],
        post: { summary: "Publish the minutes", responses: { ...ok("Published"), ...errors(401, 403, 404, 409, 422) } },
      },
      "/screening/bulk": {
        post: {
          summary: "Accept or return several submissions (SECRETARIAT); each request is its own transaction with its expectedVersion",
          requestBody: body("BulkScreening"),
          responses: {
            ...ok("{ results: [{ requestId, status: done | conflict | refused, state?, version?, message? }], done, conflicts, refused }"),
            ...errors(401, 403, 422),
          },
        },
      },
      "/pool": {
        get: {
          summary: "The national GPU pool (not for ministry officers)",
          responses: { ...ok("{ totalGpus, inTranches, unscheduled }"), ...errors(401, 404) },
        },
        put: {
          summary: "Set the pool total (ADMIN); never below the sum of the tranches",
          requestBody: body("UpdatePool"),
          responses: { ...ok("The pool"), ...errors(401, 403, 409, 422) },
        },
      },
      "/tranches": {
        get: {
          summary: "Tranches in arrival order (not for ministry officers)",
          responses: { ...ok("[{ id, label, arrivesOn, capacity, allocated, remaining, bySector, gpuModel, resourceKind, version }]"), ...errors(401, 404) },
        },
        post: {
          summary: "Add a tranche (ADMIN); the tranches never exceed the pool",
          requestBody: body("CreateTranche"),
          responses: { ...ok("Created", "201"), ...errors(401, 403, 409, 422) },
        },
      },
      "/tranches/{id}": {
        parameters: [idParam()],
        patch: {
          summary: "Edit a tranche (ADMIN); capacity never below what is allocated",
          requestBody: body("UpdateTranche"),
          responses: { ...ok("The tranche"), ...errors(401, 403, 404, 409, 422) },
        },
        delete: {
          summary: "Delete a tranche no allocation ever used (ADMIN)",
          requestBody: body("DeleteTranche"),
          responses: { ...ok("Deleted", "204"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/allocations": {
        get: { summary: "Allocations the caller may see (?requestId=)", responses: { ...ok("Allocations"), ...errors(401, 404) } },
        post: {
          summary: "Allocate GPUs from a tranche to an approved request (SECRETARIAT); 409 CAPACITY_EXCEEDED (with remaining) or OVER_APPROVED",
          requestBody: body("Allocate"),
          responses: { ...ok("The allocation", "201"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/allocations/plan": {
        post: {
          summary: "Proposed schedule, nothing written (SECRETARIAT); requestIds may include requests under deliberation (as if approved)",
          requestBody: body("PlanRequest"),
          responses: { ...ok("{ perRequest, allocations, trancheFill, npuCapableGpus, timeline }"), ...errors(401, 403, 422) },
        },
      },
      "/allocations/commit": {
        post: {
          summary: "Commit proposed allocations, all or nothing (SECRETARIAT)",
          requestBody: body("CommitPlan"),
          responses: { ...ok("{ allocations }", "201"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/allocations/{id}/release": {
        parameters: [idParam()],
        post: {
          summary: "Release an allocation; the GPUs go back to the tranche (SECRETARIAT)",
          responses: { ...ok("{ id, request }"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/signoffs": { get: { summary: "Decisions awaiting the calling approver's signature", responses: { ...ok("Decisions"), ...errors(401, 403) } } },
      "/audit/verify": {
        get: {
          summary: "Verify the audit hash chain and its signed checkpoints outside the database (SECRETARIAT, ADMIN)",
          responses: {
            ...ok(
              "{ ok, events, head, anchor: { checkpoints, seq, at } } or { ok: false, brokenAt, reason: HASH_MISMATCH | TRUNCATED | ANCHOR_MISMATCH | ANCHOR_MISSING | ANCHOR_SIGNATURE | ANCHOR_OTHER_KEY | ANCHOR_CORRUPT }",
            ),
            ...errors(401, 403),
          },
        },
      },
      "/notifications": {
        get: {
          summary:
            "The caller's own notifications, newest first, and the unread count ({ items: [{ id, kind, requestId, meetingId, title, createdAt, readAt }], unread })",
          parameters: queryParams(listNotificationsQuerySchema),
          responses: { ...ok("{ items, unread }"), ...errors(401, 422) },
        },
      },
      "/notifications/read": {
        post: {
          summary: "Mark the caller's notifications read ({ ids? }, none = all); another user's id → 404",
          requestBody: body("MarkRead"),
          responses: { ...ok("{ marked, unread }"), ...errors(401, 404, 422) },
        },
      },
      "/notifications/{id}": {
        parameters: [idParam()],
        get: { summary: "One of the caller's own notifications (anyone else's → 404)", responses: { ...ok("The notification"), ...errors(401, 404) } },
      },
      "/requests/{id}/comments": {
        parameters: [idParam()],
        get: {
          summary: "The request's discussion thread, oldest first (same 404 rule as the request)",
          responses: { ...ok("{ items }"), ...errors(401, 404) },
        },
        post: {
          summary: "Add a comment (the request's ministry, SECRETARIAT, APPROVER); audited; notifies the other side",
          requestBody: body("Comment"),
          responses: { ...ok("The comment", "201"), ...errors(401, 403, 404, 422) },
        },
      },
      "/users": {
        get: { summary: "People (ADMIN)", responses: { ...ok("{ items }"), ...errors(401, 403) } },
        post: {
          summary: "Create a person (ADMIN) → { id, …, oneTimePassword } shown once, changed at the first sign-in",
          requestBody: body("CreateUser"),
          responses: { ...ok("Created", "201"), ...errors(401, 403, 409, 422) },
        },
      },
      "/users/{id}": {
        parameters: [idParam()],
        patch: {
          summary:
            "Change role, ministry, chair flag, active (false ends sessions and tokens at once) or reset the password (ADMIN); the last active chair or admin → 409",
          requestBody: body("UpdateUser"),
          responses: { ...ok("The person"), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/audit": {
        get: {
          summary: "Audit events, newest first, filtered (SECRETARIAT, ADMIN) → { items, nextCursor }",
          parameters: queryParams(auditQuerySchema),
          responses: { ...ok("{ items, nextCursor }"), ...errors(401, 403, 422) },
        },
      },
      "/tokens": {
        get: {
          summary: "The caller's live personal API tokens (from a signed-in session only; a token → 403)",
          responses: { ...ok("Tokens"), ...errors(401, 403) },
        },
        post: {
          summary: "Create a personal API token (shown once; expires after expiresInDays, default 90, at most 365)",
          requestBody: body("CreateApiToken"),
          responses: { ...ok("Created", "201"), ...errors(401, 403, 422) },
        },
        delete: {
          summary: "Revoke one of the caller's tokens",
          requestBody: body("RevokeApiToken"),
          responses: { ...ok("Revoked", "204"), ...errors(401, 403, 422) },
        },
      },
    },
  };
}

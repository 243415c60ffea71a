/**
 * Types shared by the workflow machine, the services that feed it and the UI that explains it.
 * Kept free of runtime imports so any layer (server, client, scripts) can import it cheaply.
 */
export type Role = "ADMIN" | "SECRETARIAT" | "APPROVER" | "MINISTRY_OFFICER";

/**
 * Who sends an event. Built by the server from the session (never from the request body):
 * `isChair` and `organizationId` come from the database.
 */
export interface WorkflowActor {
  userId: string;
  role: Role;
  organizationId: string;
  isChair: boolean;
}

export type DecisionOutcome = "approve" | "approveWithConditions" | "defer" | "reject";

export interface DecisionCondition {
  text: string;
  /** YYYY-MM-DD */
  dueOn: string;
}

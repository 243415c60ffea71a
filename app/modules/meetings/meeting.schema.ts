import { z } from "zod";
import { isoDate, text } from "~/utils/schema-fields";

export const MEETING_STATUSES = ["planning", "agendaLocked", "held", "minutesPublished"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const createMeetingSchema = z.strictObject({
  number: z.number().int().min(1).max(10_000),
  date: isoDate(),
  title: text().trim().min(2).max(200),
  place: text().trim().min(1).max(200),
});
export type CreateMeeting = z.infer<typeof createMeetingSchema>;

export const addAgendaItemSchema = z.strictObject({
  requestId: z.string().min(1).max(100),
  expectedVersion: z.number().int().min(1).optional(),
});
export const reorderAgendaSchema = z.strictObject({
  expectedVersion: z.number().int().min(1),
  requestIds: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export const lockAgendaSchema = z.strictObject({ expectedVersion: z.number().int().min(1) });

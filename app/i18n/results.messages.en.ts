import type { Translation } from "./types";
import type { resultsKo } from "./results.messages";

/** English for `resultsKo` (./results.messages.ts is the Korean source): its own module, so a Korean page never ships it. */
export const resultsEn: Translation<typeof resultsKo> = {
  SUBMIT: "Submitted. The secretariat will review it.",
  RESUBMIT: "The revised request was submitted again. The secretariat will review it.",
  WITHDRAW: "The request was withdrawn.",
  ACCEPT: "Accepted. The request moves on to joint planning.",
  RETURN: "Returned for revision. The ministry officer will see the reasons.",
  UNSCHEDULE: "Taken off the agenda. The request is back in joint planning.",
  SIGN: "You signed off.",
  REFUSE_SIGNOFF: "You refused to sign off. The item goes back to the next meeting.",
  START: "Execution has started.",
  CLOSE: "The request was closed.",
  other: "The request was updated.",
};

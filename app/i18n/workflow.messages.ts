/**
 * Workflow words: state names (and the allocation detail), event button labels, past-tense
 * history entries and refusal sentences. Keys are the machine's own names
 * (workflows/demand-request.machine.ts), so `workflow.state.${stateName(snapshot)}` and
 * `workflow.refusal.${refusal.code}` always resolve.
 *
 * Refusal placeholders: `{state}` is a state name — pass it translated (`workflow.state.*`);
 * `{role}` is a role code — pass it translated (`role.*`); the others are numbers.
 */
export const workflowKo = {
  state: {
    draft: "작성 중",
    screening: "사무국 검토 중",
    revision: "보완 중",
    jointPlanning: "공동계획 수립 중",
    onAgenda: "안건 상정",
    awaitingSignoff: "결재 대기",
    approved: "승인",
    conditionallyApproved: "조건부 승인",
    rejected: "부결",
    allocated: "GPU 배분됨",
    active: "집행 중",
    closed: "종료",
    withdrawn: "철회",
    partially: "일부 배분",
    fully: "전량 배분",
  },
  event: {
    SUBMIT: "제출",
    RESUBMIT: "보완 후 재제출",
    WITHDRAW: "철회",
    ACCEPT: "접수",
    RETURN: "보완 요청",
    SCHEDULE: "안건 상정",
    UNSCHEDULE: "안건에서 내리기",
    DECIDE: "심의 결과 기록",
    AMEND_DECISION: "심의 결과 수정",
    SIGN: "결재(승인)",
    REFUSE_SIGNOFF: "결재 거부",
    RECONSIDER: "재심의 상정",
    CONDITIONS_MET: "조건 이행 확인",
    ALLOCATE: "GPU 배분",
    RELEASE: "배분 회수",
    START: "집행 시작",
    CLOSE: "종료 처리",
  },
  eventDone: {
    SUBMIT: "제출함",
    RESUBMIT: "보완 후 재제출함",
    WITHDRAW: "철회함",
    ACCEPT: "접수함",
    RETURN: "보완 요청함",
    SCHEDULE: "안건으로 상정함",
    UNSCHEDULE: "안건에서 내림",
    DECIDE: "심의 결과를 기록함",
    AMEND_DECISION: "심의 결과를 수정함",
    SIGN: "결재(승인)함",
    REFUSE_SIGNOFF: "결재를 거부함",
    RECONSIDER: "재심의 안건으로 상정함",
    CONDITIONS_MET: "조건 이행을 확인함",
    ALLOCATE: "GPU를 배분함",
    RELEASE: "배분을 회수함",
    START: "집행을 시작함",
    CLOSE: "종료 처리함",
  },
} as const;

/** The machine's refusal sentences: the server says them (API errors, page results); pages never ask for them (ADR 0044). */
export const workflowRefusalKo = {
  NOT_IN_STATE: "현재 상태({state})에서는 할 수 없는 작업입니다.",
  WRONG_ROLE: "현재 역할({role})로는 이 작업을 할 수 없습니다.",
  NOT_OWN_MINISTRY: "소속 부처의 요청만 처리할 수 있습니다.",
  ALREADY_SIGNED: "이미 이 심의 결과에 결재하셨습니다. 같은 결과에 두 번 결재할 수 없습니다.",
  REASON_REQUIRED: "사유를 입력해야 합니다.",
  PLAN_NOT_COSIGNED: "기술개발·실증계획에 부처와 과학기술정보통신부가 모두 서명해야 안건으로 상정할 수 있습니다.",
  AGREED_GPUS_MISSING: "공동계획에 합의된 GPU 수량(1개 이상)이 있어야 안건으로 상정할 수 있습니다.",
  MEETING_CLOSED: "이 회의는 안건을 더 받지 않습니다(안건 확정 또는 종료). 다른 회의를 선택하세요.",
  AGENDA_NOT_LOCKED: "회의 안건이 확정(잠금)된 뒤에 심의 결과를 기록할 수 있습니다.",
  AGENDA_LOCKED: "안건이 확정된 회의에 올라 있어 할 수 없습니다. 확정된 안건은 회의에서 심의합니다(사무국이 안건 확정을 풀면 가능합니다).",
  MEETING_NOT_HELD: "회의가 아직 열리지 않았습니다. 심의 결과는 회의 일자(한국 시간) 당일부터 기록할 수 있습니다.",
  WRONG_MEETING: "이 요청은 심의할 회의 안건에 올라 있지 않습니다. 다음 회의 안건에 먼저 올리세요.",
  APPROVED_OVER_AGREED: "승인 GPU 수량({approved})이 공동계획에서 합의한 수량({agreed})을 넘을 수 없습니다.",
  APPROVED_GPUS_INVALID: "승인 GPU 수량은 0 이상의 정수여야 하며, 승인·조건부 승인이면 1 이상이어야 합니다.",
  CONDITIONS_REQUIRED: "조건부 승인에는 내용과 이행 기한(YYYY-MM-DD)을 갖춘 조건이 하나 이상 필요합니다.",
  DECISION_UNCHANGED: "수정 내용이 기록된 심의 결과와 같습니다. 결과·승인 GPU·조건·비고 중 하나를 바꾸세요.",
  CONDITIONS_OPEN: "아직 이행되지 않은 승인 조건이 있습니다. 모든 조건을 이행 완료로 표시한 뒤 확인하세요.",
  NO_OPEN_CONDITIONS: "이행을 확인할 승인 조건이 남아 있지 않습니다.",
  CONDITIONAL_ALLOCATION_OFF: "승인 조건이 모두 이행되기 전에는 GPU를 배분할 수 없습니다(설정 ALLOCATE_CONDITIONALLY_APPROVED).",
  OVER_APPROVED: "배분 요청 수량({requested})이 승인 수량의 남은 몫({remaining})을 넘습니다. 승인 수량은 {approved}개입니다.",
  GPUS_INVALID: "GPU 수량은 1 이상의 정수여야 합니다.",
  RELEASE_OVER_ALLOCATED: "회수 수량({requested})이 현재 배분된 수량({allocated})보다 많습니다.",
  FINAL_STATE: "이미 끝난 요청({state})입니다. 더 이상 처리할 수 없습니다.",
} as const;

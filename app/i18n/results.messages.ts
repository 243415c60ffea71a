/** What a page says after an accepted workflow event (issue 14: never a bare "Done."). */
export const resultsKo = {
  SUBMIT: "제출했습니다. 사무국 검토를 기다립니다.",
  RESUBMIT: "보완한 요청을 다시 제출했습니다. 사무국 검토를 기다립니다.",
  WITHDRAW: "요청을 철회했습니다.",
  ACCEPT: "접수했습니다. 공동계획 단계로 넘어갑니다.",
  RETURN: "보완을 요청했습니다. 부처 담당자에게 사유가 전달됩니다.",
  UNSCHEDULE: "안건에서 내렸습니다. 공동계획 단계로 돌아갑니다.",
  SIGN: "서명했습니다.",
  REFUSE_SIGNOFF: "결재를 거부했습니다. 안건은 다음 회의로 돌아갑니다.",
  START: "집행을 시작했습니다.",
  CLOSE: "종료 처리했습니다.",
  other: "요청을 처리했습니다.",
} as const;

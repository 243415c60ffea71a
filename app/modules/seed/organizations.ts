/** Organizations of the demo data: the operator, MSIT, the Office for Government Policy Coordination and ministries. */
export const ORGANIZATIONS = [
  { code: "SYS", nameKo: "시스템 관리", nameEn: "System Administration", kind: "SYSTEM" },
  { code: "MSIT", nameKo: "과학기술정보통신부", nameEn: "Ministry of Science and ICT", kind: "MSIT" },
  { code: "OPM", nameKo: "국무조정실", nameEn: "Office for Government Policy Coordination", kind: "OFFICE" },
  { code: "MOHW", nameKo: "보건복지부", nameEn: "Ministry of Health and Welfare", kind: "MINISTRY" },
  { code: "MND", nameKo: "국방부", nameEn: "Ministry of National Defense", kind: "MINISTRY" },
  { code: "MAFRA", nameKo: "농림축산식품부", nameEn: "Ministry of Agriculture, Food and Rural Affairs", kind: "MINISTRY" },
  { code: "MOTIE", nameKo: "산업통상자원부", nameEn: "Ministry of Trade, Industry and Energy", kind: "MINISTRY" },
  { code: "MOLIT", nameKo: "국토교통부", nameEn: "Ministry of Land, Infrastructure and Transport", kind: "MINISTRY" },
  { code: "MOIS", nameKo: "행정안전부", nameEn: "Ministry of the Interior and Safety", kind: "MINISTRY" },
  { code: "MOE", nameKo: "교육부", nameEn: "Ministry of Education", kind: "MINISTRY" },
  { code: "ME", nameKo: "기후에너지환경부", nameEn: "Ministry of Climate, Energy and Environment", kind: "MINISTRY" },
  { code: "MCST", nameKo: "문화체육관광부", nameEn: "Ministry of Culture, Sports and Tourism", kind: "MINISTRY" },
  { code: "MOF", nameKo: "해양수산부", nameEn: "Ministry of Oceans and Fisheries", kind: "MINISTRY" },
] as const;

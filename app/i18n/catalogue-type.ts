import type { ko } from "./messages";
import type { Translation } from "./types";

/** One language's message tree (the Korean source's shape). */
export type Catalogue = Translation<typeof ko>;

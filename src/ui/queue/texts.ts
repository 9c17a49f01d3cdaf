import type { Lang } from "../../i18n/core.ts";
import type { Translate } from "../../i18n/runtime.ts";

/** The current language and its messages, passed down the queue screen's parts. */
export interface Texts {
  lang: Lang;
  t: Translate;
}

import type { Lang, MessageKey, MessageParams } from "../../i18n/core.ts";

/** The translator the shell provides (src/i18n/runtime.ts): a missing key comes back as itself. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Props every booking/reservation view takes: strings come only from the catalog through `t`. */
export interface LangProps {
  lang: Lang;
  t: Translate;
}

/**
 * A message picked by a code (a problem code from the server, a field error
 * code), falling back to a general message for codes this version does not know.
 */
export function messageFor(t: Translate, key: string, fallback: MessageKey, params?: MessageParams): string {
  const text = t(key as MessageKey, params);
  return text && text !== key ? text : t(fallback, params);
}

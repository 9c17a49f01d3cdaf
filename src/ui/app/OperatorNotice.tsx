import type { Notice } from "../../core/contract/types.ts";
import { useI18n } from "./context.ts";

/**
 * A notice from the operators (contract v1.1, on an event or a ticket's status),
 * in the user's language, shown as text: never as markup.
 */
export function OperatorNotice({ notice }: { notice: Notice }) {
  const { lang } = useI18n();
  return (
    <p class="operator-notice" data-testid="notice" data-code="operator">
      {notice[lang]}
    </p>
  );
}

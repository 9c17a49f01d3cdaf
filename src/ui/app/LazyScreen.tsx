import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Lang } from "../../i18n/core.ts";
import { Notice } from "../components/Notice.tsx";
import { useI18n } from "./context.ts";
import type { ScreenProps } from "./screen-props.ts";

type Props = ScreenProps & { load: (lang: Lang) => Promise<ComponentType<ScreenProps>> };

type Loaded =
  | { kind: "loading" }
  | { kind: "ready"; Screen: ComponentType<ScreenProps> }
  | { kind: "failed" };

/** Loads a code-split screen; if its chunk cannot be fetched, says so and offers a retry. */
export function LazyScreen({ load, ...props }: Props) {
  const { lang, t } = useI18n();
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ kind: "loading" });
    load(lang).then(
      (Screen) => live && setState({ kind: "ready", Screen }),
      () => live && setState({ kind: "failed" }),
    );
    return () => {
      live = false;
    };
  }, [load, lang, attempt]);
  if (state.kind === "ready") return <state.Screen {...props} />;
  if (state.kind === "failed")
    return (
      <Notice code={navigator.onLine ? "network" : "offline"} onRetry={() => setAttempt((n) => n + 1)} />
    );
  return (
    <p class="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

/**
 * The operator notice (contract v1.1) the mock sends on QueueStatus and Event:
 * in the overload scenario a short bilingual message, as a real operator would
 * post during a surge; null otherwise, so clients meet both forms.
 */
import type { Notice } from "../../src/core/contract/types.ts";
import type { ScenarioName } from "./scenarios.ts";

const OVERLOAD_NOTICE: Notice = {
  ko: "접속자가 많아 응답이 늦어질 수 있습니다. 대기 순서는 그대로 유지됩니다.",
  en: "Many people are connecting, so answers may be slow. Your place in line is kept.",
};

export function operatorNotice(scenario: ScenarioName): Notice | null {
  return scenario === "overload" ? OVERLOAD_NOTICE : null;
}

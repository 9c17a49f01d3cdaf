import { ApiError } from "../api/types.ts";
import { type Cancel, later } from "../clock/timer.ts";
import type { Clock, Random } from "../clock/types.ts";
import { type BackoffState, INITIAL_BACKOFF } from "../net/backoff.ts";
import {
  classifyFailure,
  DEFAULT_BACKOFF,
  POLITE_BACKOFF,
  type RetryDecision,
  retryDelay,
} from "../net/retry-policy.ts";

/** Why a route is closed and until when (device ms, for the notice's countdown only). */
export interface GateHold {
  code: string;
  untilMs: number;
}

/**
 * One gate per route (regions, centers, slots, identity, reservations...),
 * shared by every caller of the session: a user's tap, an internal retry and
 * a replay all wait at the same gate. After a failure the gate closes for the
 * retry policy's delay (Retry-After plus spread; POLITE_BACKOFF after a broken
 * answer; the backoff, growing across calls, after no answer), so a tap every
 * few seconds during an outage cannot restart the backoff, and a tap before
 * the server's Retry-After is held, not sent. The wait is counted by timers
 * (`later`), so a device clock set forward cannot shorten it.
 */
export interface RouteGates {
  /** Resolves when `route` may send; rejects as "aborted" when `signal` fires first. */
  wait(route: string, signal: AbortSignal): Promise<void>;
  /** The current hold of `route`, or null when it is open. */
  hold(route: string): GateHold | null;
  /** Records a failed attempt: closes the gate for the policy's delay and returns it (ms). */
  failed(route: string, error: unknown): { delayMs: number; decision: RetryDecision };
  /** Closes `route` for at least `ms` (a floor saved before a reload). */
  closeFor(route: string, ms: number, code: string): void;
  /** Every closed gate and the device time it opens at, to save with the draft. */
  floors(): Record<string, number>;
  /** Puts saved floors back (after a reload); a floor further than `maxMs` away is capped. */
  restore(floors: unknown, maxMs: number): void;
  /** A success: the backoff of `route` starts over. */
  succeeded(route: string): void;
  /** An attempt let through by `wait` ended with neither answer nor failure (it was aborted). */
  settled(route: string): void;
  /** Cancels every timer and opens every gate (the client is going away). */
  clear(): void;
}

interface Gate {
  backoff: BackoffState;
  /** null when open; else resolves when the gate opens. */
  opened: Promise<void> | null;
  open: (() => void) | null;
  cancel: Cancel | null;
  code: string;
  untilMs: number;
  /**
   * After a failure, one attempt at a time (the probe) until one succeeds: callers that waited at
   * the same gate would otherwise all go out when it opens, and the second would ignore what the
   * first was told. Resolves when the probe settles; null when none is out.
   */
  probe: Promise<void> | null;
  endProbe: (() => void) | null;
}

export function createRouteGates(clock: Clock, random: Random): RouteGates {
  const gates = new Map<string, Gate>();
  const gateOf = (route: string): Gate => {
    let gate = gates.get(route);
    if (!gate) {
      gate = {
        backoff: INITIAL_BACKOFF,
        opened: null,
        open: null,
        cancel: null,
        code: "",
        untilMs: 0,
        probe: null,
        endProbe: null,
      };
      gates.set(route, gate);
    }
    return gate;
  };

  function openGate(gate: Gate): void {
    gate.cancel?.();
    gate.cancel = null;
    const open = gate.open;
    gate.opened = null;
    gate.open = null;
    open?.();
  }

  function endProbe(gate: Gate): void {
    const end = gate.endProbe;
    gate.probe = null;
    gate.endProbe = null;
    end?.();
  }

  function close(gate: Gate, ms: number, code: string): void {
    const untilMs = clock.now() + ms;
    // Never shorten a hold already in place (a Retry-After outlives a later, shorter backoff).
    if (gate.opened && gate.untilMs >= untilMs) return;
    gate.cancel?.();
    if (!gate.opened) gate.opened = new Promise<void>((resolve) => (gate.open = resolve));
    gate.code = code;
    gate.untilMs = untilMs;
    gate.cancel = later(clock, ms, () => {
      gate.cancel = null;
      openGate(gate);
    });
  }

  return {
    async wait(route, signal) {
      const gate = gateOf(route);
      while (gate.opened || gate.probe) {
        const opened = gate.opened ?? gate.probe;
        if (!opened) break;
        await new Promise<void>((resolve, reject) => {
          if (signal.aborted) return reject(new ApiError({ kind: "aborted" }));
          const onAbort = () => reject(new ApiError({ kind: "aborted" }));
          signal.addEventListener("abort", onAbort, { once: true });
          void opened.then(() => {
            signal.removeEventListener("abort", onAbort);
            resolve();
          });
        });
      }
      if (signal.aborted) throw new ApiError({ kind: "aborted" });
      if (gate.backoff.attempt > 0) gate.probe = new Promise<void>((resolve) => (gate.endProbe = resolve));
    },

    hold(route) {
      const gate = gates.get(route);
      return gate?.opened ? { code: gate.code, untilMs: gate.untilMs } : null;
    },

    failed(route, error) {
      const gate = gateOf(route);
      const decision = classifyFailure(error);
      // An answer the caller handles (a 4xx problem, an abort) says nothing about when to come back.
      if (!decision.retry) {
        endProbe(gate);
        return { delayMs: 0, decision };
      }
      let [delayMs, next] = retryDelay(decision, gate.backoff, random);
      gate.backoff = next;
      // A long outage drives every phone's backoff to the cap, where they would all settle on
      // one cadence: re-drawn in [½, 1] × cap, they keep spreading.
      const cap = (decision.polite ? POLITE_BACKOFF : DEFAULT_BACKOFF).maxDelayMs;
      if (decision.notBeforeMs === null && delayMs >= cap)
        delayMs = Math.round(cap / 2 + (random() * cap) / 2);
      close(gate, delayMs, decision.code);
      // Closed first: the probe's waiters, looking again, wait for the new hold.
      endProbe(gate);
      return { delayMs, decision };
    },

    closeFor(route, ms, code) {
      if (ms > 0) close(gateOf(route), ms, code);
    },

    floors() {
      const out: Record<string, number> = {};
      for (const [route, gate] of gates) if (gate.opened) out[route] = gate.untilMs;
      return out;
    },

    restore(floors, maxMs) {
      if (typeof floors !== "object" || floors === null) return;
      for (const [route, untilMs] of Object.entries(floors)) {
        if (typeof untilMs !== "number" || !Number.isFinite(untilMs)) continue;
        const left = Math.min(maxMs, untilMs - clock.now());
        if (left > 0) close(gateOf(route), left, gateOf(route).code || "overloaded");
      }
    },

    succeeded(route) {
      const gate = gateOf(route);
      gate.backoff = INITIAL_BACKOFF;
      endProbe(gate);
    },

    settled(route) {
      endProbe(gateOf(route));
    },

    clear() {
      // Every caller was aborted with the session; opening (not just cancelling) leaves no one hanging.
      for (const gate of gates.values()) {
        openGate(gate);
        endProbe(gate);
      }
    },
  };
}

import { projectPosition } from "../../src/core/queue/projection.ts";
import type { PositionEstimate, QueueClient, QueueView } from "../../src/core/queue/types.ts";

/** Server time in these tests: 2021-07-19 20:00:00 KST, whatever the (fake) device clock says. */
export const SERVER_EPOCH = Date.parse("2021-07-19T20:00:00.000+09:00");

export function baseView(overrides: Partial<QueueView> = {}): QueueView {
  return {
    phase: "waiting",
    eventId: "e1",
    ticketId: "t-123",
    number: 1200,
    servingNumber: 1000,
    ahead: 200,
    servingRatePerSecond: 0.25,
    etaSeconds: 800,
    opensAt: null,
    admission: null,
    updatedAt: SERVER_EPOCH,
    nextCheckAt: SERVER_EPOCH + 30_000,
    online: true,
    durable: true,
    leader: true,
    notice: null,
    ...overrides,
  };
}

/**
 * A QueueClient driven by the test: the view is set by hand, server time runs
 * with the (fake) device clock from SERVER_EPOCH, intents are recorded.
 */
export class FakeQueueClient implements QueueClient {
  readonly calls: string[] = [];
  /** What the next leave() does: the server accepts it, or refuses it (it rejects). */
  leaveOutcome: "ok" | "refused" = "ok";
  /**
   * The serving number when this ticket was first seen, as the real client keeps it: with
   * baseView's number 1200 and 200 ahead, progress starts at one half.
   */
  firstServingNumber: number | null = 800;
  private listeners = new Set<(view: QueueView) => void>();
  private readonly deviceStart = Date.now();

  constructor(private view: QueueView) {}

  setView(patch: Partial<QueueView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of [...this.listeners]) listener(this.view);
  }

  getView = (): QueueView => this.view;
  subscribe = (listener: (view: QueueView) => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  serverNow = (): number => SERVER_EPOCH + (Date.now() - this.deviceStart);
  /** The real projection (src/core/queue/projection.ts), so a broken one fails these tests. */
  project = (serverNow: number): PositionEstimate =>
    projectPosition(this.view, serverNow, this.firstServingNumber);
  resume = async () => {
    this.calls.push("resume");
  };
  join = async (eventId: string) => {
    this.calls.push(`join:${eventId}`);
  };
  leave = async () => {
    this.calls.push("leave");
    if (this.leaveOutcome === "refused") throw new Error("the server refused the DELETE");
  };
  moveAway = async () => {
    this.calls.push("moveAway");
    this.setView({ phase: "moved" });
  };
  dismiss = async () => {
    this.calls.push("dismiss");
  };
  admissionUsed = async () => {
    this.calls.push("admissionUsed");
  };
  setOnline = (online: boolean) => {
    this.calls.push(`online:${online}`);
  };
  setVisible = (visible: boolean) => {
    this.calls.push(`visible:${visible}`);
  };
  setFrozen = (frozen: boolean) => {
    this.calls.push(`frozen:${frozen}`);
  };
  setPush = (on: boolean) => {
    this.calls.push(`push:${on}`);
  };
  liveTicket = () => null;
  wake = () => {
    this.calls.push("wake");
  };
  stop = () => {
    this.calls.push("stop");
  };
}

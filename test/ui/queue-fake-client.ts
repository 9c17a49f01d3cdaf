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
  /** Linear projection from the last status, like the real client's. */
  project = (serverNow: number): PositionEstimate => {
    const { ahead, servingRatePerSecond: rate, updatedAt } = this.view;
    if (ahead === null || rate === null || updatedAt === null) return { ahead, progress: null, eta: null };
    const projected = Math.max(0, ahead - (rate * (serverNow - updatedAt)) / 1000);
    const seconds = projected / rate;
    return {
      ahead: projected,
      progress: 1 - projected / 400,
      eta: { minSeconds: seconds * 0.9, maxSeconds: seconds * 1.2 },
    };
  };
  resume = async () => {
    this.calls.push("resume");
  };
  join = async (eventId: string) => {
    this.calls.push(`join:${eventId}`);
  };
  leave = async () => {
    this.calls.push("leave");
  };
  dismiss = async () => {
    this.calls.push("dismiss");
  };
  setOnline = (online: boolean) => {
    this.calls.push(`online:${online}`);
  };
  setVisible = (visible: boolean) => {
    this.calls.push(`visible:${visible}`);
  };
  stop = () => {
    this.calls.push("stop");
  };
}

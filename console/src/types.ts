/**
 * The JSON the console reads, as the API's routes write it (api/routes/reports.ts, campaignControl.ts,
 * engagements.ts, deliveryList.ts, api/deliveryView.ts, api/deliveryExplain.ts): only the fields shown.
 */
import type { DeliveryStatus } from '../../domain/delivery/deliveryStatus';
import type { WaitReason } from '../../domain/delivery/waitingFor';
import type { DialMode, EngagementState, Priority } from '../../domain/engagement';

export interface Report {
  engagementId: string;
  deliveries: { total: number; byStatus: Partial<Record<DeliveryStatus, number>>; byResult: Record<string, number> };
  calls: {
    placed: number;
    liveAnswers: number;
    connected: number;
    abandoned: number;
    answeringMachines: number;
    answerRate: number | null;
    abandonmentRate: number | null;
  };
  sms: { sent: number; failed: number };
}

export interface DispatchStatus {
  poolKey: string;
  granted: number;
  idle: boolean;
  answerProbability: number;
  engagements: Array<{
    engagementId: string;
    state: string;
    priority: Priority;
    waiting: number;
    inFlight: number;
    reason?: string | null;
  }>;
}

export interface Engagement {
  engagementId: string;
  name: string;
  channel: string;
  state: EngagementState;
  stateReason?: string | null;
  dialMode?: DialMode;
  pacingRules?: { abandonmentCapPercent: number; abandonmentWindowHours: number };
}

export interface DeliveryRow {
  deliveryId: string;
  engagementId: string;
  channel: string;
  status: DeliveryStatus;
  result: string | null;
  contactId: string | null;
  toAddress: string | null;
  trackingId: string | null;
  createdAt: string;
  resultDate: string | null;
}

export interface WaitingForView {
  reason: WaitReason;
  until?: string;
  detail: { text?: string; [k: string]: unknown };
}

export interface DeliveryView extends DeliveryRow {
  dialModeType: string | null;
  fromAddress: string | null;
  windowStartDate: string | null;
  windowEndDate: string | null;
  parentDeliveryId: string | null;
  followUpDeliveryId: string | null;
  temporalUiUrl?: string;
  nextAttemptAt: string | null;
  waitingFor: WaitingForView | null;
  contacts: Array<{ contactId: string; timeZone: string | null; phones: Array<{ type: string; number: string }> }>;
  calls: Array<{
    callId: string;
    attemptNumber: number;
    phoneType: string | null;
    toAddress: string | null;
    callState: string | null;
    answeringMachine: boolean | null;
    abandoned: boolean | null;
    reattemptReason: string | null;
    requestedAt: string | null;
    endedAt: string | null;
  }>;
  timeline: Array<{ seq: number; kind: string; at: string; until?: string; status: string; detail: string | null }>;
}

export interface Explanation {
  deliveryId: string;
  at: string;
  callable: boolean;
  rulesSource: string;
  numbers: Array<{
    numberId: string;
    phoneType: string;
    number: string | null;
    callable: boolean;
    reasons: Array<{ code: string; detail?: { text?: string } }>;
  }>;
}

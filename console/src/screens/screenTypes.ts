/** The JSON the screens of this module read, as the API writes it: only the fields shown. */
import type { HistoryReport } from '../../../db/historyReport';
import type { UploadState } from '../../../domain/csvIntake/uploadStates';

export type { HistoryReport };

export interface UploadView {
  uploadId: string;
  engagementId: string;
  state: UploadState;
  bytes: number;
  progress: {
    rowsRead: number;
    rowsAccepted: number;
    rowsRejected: number;
    deliveriesCreated: number;
    deliveriesSuppressed: number;
    deliveriesScheduled: number;
  };
  error: string | null;
  createdAt: string;
  completedAt: string | null;
  rowErrors?: { count: number; items: Array<{ line: number; reason: string }>; nextAfterLine: number | null };
}

export interface PreviewOffer {
  deliveryId: string;
  engagementId: string;
  offeredAt: string | null;
  acceptedBy: string | null;
  contactId: string | null;
  toAddress: string | null;
  trackingId: string | null;
  attributes: Record<string, string>;
}

export interface PolicyView {
  policyId: string;
  engagementId: string | null;
  country: string | null;
  state: string | null;
  postalCode: string | null;
  until: string | null;
  comment: string;
  createdAt: string;
  endedAt: string | null;
  active?: boolean;
  cancelledCount?: number;
}

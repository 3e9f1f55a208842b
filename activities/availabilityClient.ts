import { z } from 'zod';
import type { AgentSnapshot } from '../domain/pacing';

/**
 * Representative availability (spec §6, shaped after seed 003's "before conversation" API):
 * POST {QueueId, Skills?} → IsWithinOperatingHours, Available/BusyRepresentativeCount and, when the
 * provider gives them, each representative's presence and seconds in it (predictive pacing uses them).
 */
export interface QueueAvailability {
  withinOperatingHours: boolean;
  agents: AgentSnapshot[];
  /** Representatives the provider listed as offline or away: not staffed, so not in `agents`, but counted for the board. */
  offline?: number;
  averageHandleMs?: number;
}

export interface AvailabilityClient {
  queueAvailability(queueId: string, skills: string[]): Promise<QueueAvailability>;
}

export const AVAILABILITY_PATH = '/api/data/v9.2/CCaaS_GetRepresentativeAvailabilityBeforeConversation';

const response = z.object({
  IsWithinOperatingHours: z.boolean(),
  AvailableRepresentativeCount: z.number().int().min(0),
  BusyRepresentativeCount: z.number().int().min(0),
  AverageHandleTimeSeconds: z.number().min(0).optional(),
  Representatives: z.array(z.object({ Presence: z.string(), SecondsInPresence: z.number().min(0) })).optional(),
});

function presence(p: string): AgentSnapshot['state'] | undefined {
  switch (p.toLowerCase()) {
    case 'available':
      return 'available';
    case 'busy':
      return 'busy';
    case 'wrap':
    case 'wrapup':
    case 'wrap-up':
      return 'wrap';
    default:
      return undefined; // offline, away: not staffed for pacing
  }
}

export function createHttpAvailabilityClient(baseUrl: string, options: { timeoutMs?: number } = {}): AvailabilityClient {
  return {
    async queueAvailability(queueId, skills) {
      const res = await fetch(new URL(AVAILABILITY_PATH, baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ QueueId: queueId, ...(skills.length ? { Skills: skills } : {}) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`availability service answered HTTP ${res.status}: ${text.slice(0, 200)}`);
      const body = response.parse(JSON.parse(text));
      let offline: number | undefined;
      const agents: AgentSnapshot[] = body.Representatives
        ? body.Representatives.flatMap((r) => {
            const state = presence(r.Presence);
            if (!state) offline = (offline ?? 0) + 1;
            return state ? [{ state, elapsedMs: r.SecondsInPresence * 1000 }] : [];
          })
        : [
            ...Array.from({ length: body.AvailableRepresentativeCount }, () => ({ state: 'available' as const, elapsedMs: 0 })),
            ...Array.from({ length: body.BusyRepresentativeCount }, () => ({ state: 'busy' as const, elapsedMs: 0 })),
          ];
      return {
        withinOperatingHours: body.IsWithinOperatingHours,
        agents,
        // Known only when the provider lists each representative (the counts-only answer has no offline figure).
        ...(body.Representatives ? { offline: offline ?? 0 } : {}),
        ...(body.AverageHandleTimeSeconds !== undefined ? { averageHandleMs: body.AverageHandleTimeSeconds * 1000 } : {}),
      };
    },
  };
}

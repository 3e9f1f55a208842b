import type { EngagementSnapshot } from '../engagement';

/**
 * The set of agents a delivery competes for. Representative-led engagements that share a queue and a
 * skill set share representatives, so one dispatcher arbitrates between them; an AI-led engagement has
 * its own agents (its concurrency limit is its own), so it is a pool of its own.
 */
export function dispatchPoolKey(engagement: Pick<EngagementSnapshot, 'engagementId' | 'dialMode' | 'routing'>): string {
  if (engagement.dialMode === 'ai-agent') return `${AI_POOL_PREFIX}${engagement.engagementId}`;
  const skills = [...new Set(engagement.routing.skills)].sort();
  return `queue:${engagement.routing.queueId}${skills.length ? `+${skills.join('+')}` : ''}`;
}

const AI_POOL_PREFIX = 'ai:';

/** Whether the pool is an AI-led engagement's own. */
export function isAiAgentPool(poolKey: string): boolean {
  return poolKey.startsWith(AI_POOL_PREFIX);
}

/** A dispatcher's pool: its key and the queue whose availability and hours it reads. */
export interface DispatchPool {
  poolKey: string;
  queueId: string;
  skills: string[];
}

export function dispatchPool(engagement: Pick<EngagementSnapshot, 'engagementId' | 'dialMode' | 'routing'>): DispatchPool {
  return { poolKey: dispatchPoolKey(engagement), queueId: engagement.routing.queueId, skills: engagement.routing.skills };
}

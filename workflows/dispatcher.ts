import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DispatcherInput } from '../domain/dispatch';
import { PRIORITIES } from '../domain/engagement';
import {
  dispatcherStatusQuery,
  pauseEngagementUpdate,
  resumeEngagementUpdate,
  setEngagementPriorityUpdate,
  wakeDispatcherSignal,
} from './dispatcherMessages';
import { DispatcherState } from './dispatcherState';

/**
 * The campaign layer of one pool (a queue + skill set, or one AI-led engagement): every tick it reads
 * availability and the backlog's counts from Postgres, applies each engagement's pacing rules, asks
 * the pacing module how many calls the pool may start, splits them by strict priority and
 * round-robin, and grants slots to the next deliveries in each engagement's call order. Deliveries
 * are their own workflows and only wait for a grant, so they outlive any continue-as-new here.
 */
export async function dispatcherWorkflow(input: DispatcherInput): Promise<void> {
  const dispatcher = new DispatcherState(input);
  const { options } = dispatcher;

  setHandler(wakeDispatcherSignal, () => dispatcher.wake());
  setHandler(dispatcherStatusQuery, () => dispatcher.status());
  setHandler(
    pauseEngagementUpdate,
    ({ engagementId, reason }) => dispatcher.control(engagementId, { state: 'paused', reason: reason ?? 'paused by an operator' }),
    {
      validator: ({ engagementId }) => {
        if (!engagementId) throw new Error('engagementId is required');
        if (dispatcher.stateOf(engagementId) === 'paused') throw new Error(`engagement ${engagementId} is already paused`);
      },
    },
  );
  setHandler(resumeEngagementUpdate, ({ engagementId }) => dispatcher.control(engagementId, { state: 'active', reason: null }), {
    validator: ({ engagementId }) => {
      if (!engagementId) throw new Error('engagementId is required');
      const state = dispatcher.stateOf(engagementId);
      if (state !== undefined && state !== 'paused') throw new Error(`engagement ${engagementId} is not paused`);
    },
  });
  setHandler(setEngagementPriorityUpdate, ({ engagementId, priority }) => dispatcher.control(engagementId, { priority }), {
    validator: ({ engagementId, priority }) => {
      if (!engagementId) throw new Error('engagementId is required');
      if (!PRIORITIES.includes(priority)) throw new Error(`priority must be one of ${PRIORITIES.join(', ')}`);
    },
  });

  for (;;) {
    const info = workflowInfo();
    if (info.historyLength >= options.maxHistoryEvents || info.continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await dispatcher.flushPacing(info.runId);
      return await continueAsNew<typeof dispatcherWorkflow>({ pool: input.pool, options: input.options, carried: dispatcher.carry });
    }
    const outcome = await dispatcher.tick(info.runId);
    if (outcome === 'overlapped') continue;
    if (outcome === 'idle') {
      // Nothing to do until a delivery arrives or an operator resumes: sleep without ticking.
      dispatcher.idle = true;
      if (!dispatcher.woken) await condition(() => dispatcher.woken, options.idleSleepMs);
      dispatcher.idle = false;
      continue;
    }
    if (!dispatcher.woken) await condition(() => dispatcher.woken, options.tickMs);
  }
}

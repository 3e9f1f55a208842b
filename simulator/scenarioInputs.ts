/**
 * The ScenarioInputParameters the engine sends on POST /v2/call, beside the seed's `_Destination` and
 * `_DisplayNumber`, and what the simulator makes of them:
 *
 * | name                      | value                          | effect in the simulator                                   |
 * |---------------------------|--------------------------------|-----------------------------------------------------------|
 * | `_AnsweringMachineAction` | `hangup` (default), `voicemail`| `voicemail` on an answering machine → `VoicemailLeft: true` |
 * | `_VoicemailMessage`       | text                           | recorded only                                             |
 * | `_AbandonSeconds`         | integer string, default 2      | how long an answered caller waits for a representative     |
 * | `_AbandonMessage`         | text                           | an abandoned call reports `AbandonMessagePlayed: true`     |
 * | `_QueueId`                | text                           | recorded only                                             |
 *
 * An absent or empty value means "not given". A malformed value (an unknown action, a non-integer
 * number of seconds) is refused with HTTP 400, as a real provider would refuse it.
 */

export const ANSWERING_MACHINE_ACTIONS = ['hangup', 'voicemail'] as const;
export type AnsweringMachineAction = (typeof ANSWERING_MACHINE_ACTIONS)[number];

/** Seconds an answered caller waits for a representative when `_AbandonSeconds` is not given. */
export const DEFAULT_ABANDON_SECONDS = 2;

export interface CallScenario {
  answeringMachineAction?: AnsweringMachineAction;
  voicemailMessage?: string;
  abandonSeconds?: number;
  abandonMessage?: string;
  queueId?: string;
}

export interface ScenarioInputError {
  path: string;
  message: string;
}

/** Reads the engine's scenario inputs; `errors` lists malformed values (those values are left out of `scenario`). */
export function parseScenarioInputs(inputs: Record<string, string>): { scenario: CallScenario; errors: ScenarioInputError[] } {
  const scenario: CallScenario = {};
  const errors: ScenarioInputError[] = [];
  const given = (name: string): string | undefined => {
    const value = inputs[name];
    return value === undefined || value === '' ? undefined : value;
  };

  const action = given('_AnsweringMachineAction');
  if (action !== undefined) {
    if ((ANSWERING_MACHINE_ACTIONS as readonly string[]).includes(action))
      scenario.answeringMachineAction = action as AnsweringMachineAction;
    else
      errors.push({
        path: 'ScenarioInputParameters._AnsweringMachineAction',
        message: `must be one of ${ANSWERING_MACHINE_ACTIONS.join(', ')}; got "${action}"`,
      });
  }

  const seconds = given('_AbandonSeconds');
  if (seconds !== undefined) {
    if (/^\d+$/.test(seconds.trim())) scenario.abandonSeconds = Number(seconds.trim());
    else errors.push({ path: 'ScenarioInputParameters._AbandonSeconds', message: `must be a whole number of seconds; got "${seconds}"` });
  }

  const voicemailMessage = given('_VoicemailMessage');
  if (voicemailMessage !== undefined) scenario.voicemailMessage = voicemailMessage;
  const abandonMessage = given('_AbandonMessage');
  if (abandonMessage !== undefined) scenario.abandonMessage = abandonMessage;
  const queueId = given('_QueueId');
  if (queueId !== undefined) scenario.queueId = queueId;

  return { scenario, errors };
}

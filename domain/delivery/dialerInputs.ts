/** The scenario inputs a call sends the dialer (seed 004), beside destination and display number. */
import type { EngagementSnapshot } from '../engagement';

export function dialerInputs(
  engagement: Pick<EngagementSnapshot, 'routing' | 'answeringMachine' | 'abandonment'>,
  inputAttributes: Record<string, string>,
): Record<string, string> {
  const { routing, answeringMachine, abandonment } = engagement;
  return {
    // The engine's own inputs come last: an input attribute cannot override them.
    ...inputAttributes,
    _QueueId: routing.queueId,
    _AnsweringMachineAction: answeringMachine.action,
    ...(answeringMachine.voicemailMessage ? { _VoicemailMessage: answeringMachine.voicemailMessage } : {}),
    _AbandonSeconds: String(abandonment.seconds),
    _AbandonMessage: abandonment.message,
  };
}

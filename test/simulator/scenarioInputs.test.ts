import type { CallScript } from '../../simulator/callScript';
import { DialerSimulator } from '../../simulator/dialerSimulator';
import { parseScenarioInputs } from '../../simulator/scenarioInputs';

describe('scenario inputs', () => {
  test('parses the engine inputs, treating empty values as absent', () => {
    expect(
      parseScenarioInputs({
        _AnsweringMachineAction: 'voicemail',
        _VoicemailMessage: 'Please call us back',
        _AbandonSeconds: '5',
        _AbandonMessage: '',
        _QueueId: 'q-1',
      }),
    ).toEqual({
      scenario: { answeringMachineAction: 'voicemail', voicemailMessage: 'Please call us back', abandonSeconds: 5, queueId: 'q-1' },
      errors: [],
    });
  });

  test('reports malformed values by name', () => {
    const { scenario, errors } = parseScenarioInputs({ _AnsweringMachineAction: 'beep', _AbandonSeconds: '2.5' });
    expect(scenario).toEqual({});
    expect(errors.map((e) => e.path)).toEqual([
      'ScenarioInputParameters._AnsweringMachineAction',
      'ScenarioInputParameters._AbandonSeconds',
    ]);
  });
});

describe('voicemail', () => {
  const script: CallScript = {
    defaultOutcome: { state: 'Answered' },
    numbers: { '+am': { state: 'Answered', answeringMachine: true }, '+busy': { state: 'Busy' } },
  };
  const place = (sim: DialerSimulator, id: string, destination: string, inputs: Record<string, string>) =>
    sim.placeCall({ conversationId: id, project: 'p', destination, displayNumber: '+2', inputs });

  test('is left only on an answering machine when the action is voicemail', () => {
    const sim = new DialerSimulator(script);
    const left = place(sim, 'a', '+am', { _AnsweringMachineAction: 'voicemail', _VoicemailMessage: 'hi', _QueueId: 'q' });
    const hungUp = place(sim, 'b', '+am', { _AnsweringMachineAction: 'hangup' });
    const noAction = place(sim, 'c', '+am', {});
    const person = place(sim, 'd', '+person', { _AnsweringMachineAction: 'voicemail' });
    const busy = place(sim, 'e', '+busy', { _AnsweringMachineAction: 'voicemail' });
    expect(sim.resultOf(left.uniqueId)).toEqual({
      state: 'Answered',
      answeringMachine: true,
      abandoned: false,
      voicemailLeft: true,
      abandonMessagePlayed: false,
    });
    expect(left).toMatchObject({ answeringMachineAction: 'voicemail', voicemailMessage: 'hi', queueId: 'q' });
    for (const call of [hungUp, noAction, person, busy]) expect(sim.resultOf(call.uniqueId)?.voicemailLeft).toBe(false);
  });
});

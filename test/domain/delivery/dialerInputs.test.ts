import { dialerInputs } from '../../../domain/delivery/dialerInputs';

const engagement = {
  routing: { queueId: 'collections', queueDisplayNumber: '+12125550100', skills: [] },
  answeringMachine: { action: 'voicemail' as const, voicemailMessage: 'Please call us back.' },
  abandonment: { seconds: 2, message: 'All busy.' },
};

const engineInputs = {
  _QueueId: 'collections',
  _AnsweringMachineAction: 'voicemail',
  _VoicemailMessage: 'Please call us back.',
  _AbandonSeconds: '2',
  _AbandonMessage: 'All busy.',
};

test.each([
  ['voicemail with a message, plus input attributes', engagement, { AccountId: 'A-1' }, { AccountId: 'A-1', ...engineInputs }],
  [
    'hang up: no voicemail message input',
    { ...engagement, answeringMachine: { action: 'hangup' as const } },
    {},
    { _QueueId: 'collections', _AnsweringMachineAction: 'hangup', _AbandonSeconds: '2', _AbandonMessage: 'All busy.' },
  ],
  ['an input attribute cannot override an engine input', engagement, { _QueueId: 'elsewhere', _AbandonSeconds: '99' }, engineInputs],
])('%s', (_name, e, attributes, expected) => {
  expect(dialerInputs(e, attributes)).toEqual(expected);
});

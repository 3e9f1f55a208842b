import { SmsSink } from '../../simulator/smsSink';

describe('SMS sink', () => {
  const request = { from: '+15550109999', to: '+15550100001', body: 'hello', clientReference: 'ref-1' };

  test('a repeated ClientReference returns the same message and records nothing more', () => {
    const sms = new SmsSink(() => new Date('2026-01-01T00:00:00.000Z'));
    const first = sms.send(request);
    const second = sms.send({ ...request, body: 'changed' });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ status: 'Sent', body: 'hello', receivedAt: new Date('2026-01-01T00:00:00.000Z') });
    expect(sms.listMessages()).toHaveLength(1);
    expect(sms.send({ ...request, clientReference: 'ref-2' }).messageId).not.toBe(first.messageId);
    expect(sms.messagesTo('+15550100001')).toHaveLength(2);
  });

  test('numbers scripted to fail get Failed with an error; others Sent; reset forgets all', () => {
    const sms = new SmsSink();
    sms.setNumber('+15550100009', 'Failed');
    const failed = sms.send({ ...request, to: '+15550100009' });
    expect(failed.status).toBe('Failed');
    expect(failed.error).toEqual(expect.any(String));
    expect(sms.send({ ...request, to: '+15550100009' })).toEqual(failed); // same reference: same answer
    expect(sms.send({ ...request, clientReference: 'ref-2' }).status).toBe('Sent');
    expect(sms.messagesTo('+15550100009')).toHaveLength(1);
    sms.fault = { failNextMessages: 1 };
    sms.reset();
    expect(sms.listMessages()).toHaveLength(0);
    expect(sms.fault).toEqual({});
    expect(sms.send({ ...request, to: '+15550100009', clientReference: 'ref-3' }).status).toBe('Sent');
  });
});

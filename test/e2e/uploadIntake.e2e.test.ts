/**
 * CSV intake over HTTP, against the real dev server, Postgres, the simulator, a worker and the API:
 * what a file becomes (chains, contacts, pass-through attributes, workflows), row errors by line,
 * cells stored verbatim, cancellation policies applied on arrival.
 */
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { DeliveryStatusKey } from '../../temporal/searchAttributes';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { useEngineStack } from '../helpers/useEngineStack';
import { csv, inputAttributes as attrs, laterWindow, uploadsApi } from '../helpers/uploads';

const TASK_QUEUE = 'e2e-upload-intake';
const e2e = useEngineStack(TASK_QUEUE, {}, async ({ stack }) => {
  for (const id of ['up-happy', 'up-errors', 'up-verbatim', 'up-policy'])
    await insertEngagement(stack.database.db, id, engagementConfig({ uniqueIdentifierAttribute: 'CustomerNumber' }));
});

const { as, upload, untilFinal, deliveriesOf } = uploadsApi(e2e);
const later = laterWindow();

test('a file becomes chained deliveries in file order, contacts upserted, attributes passed through, workflows Pending', async () => {
  const header =
    'UniqueIdentifier,FirstName,LastName,MobilePhoneNumber,HomePhoneNumber,Country,State,PostalCode,TimeZone,ID,Priority,WindowStart,WindowEnd,OrderNumber,Balance';
  const file = csv([
    header,
    `cust-1,Ada,Lovelace,+1 (555) 050-1001,,US,NY,10001,America/New_York,acct-A,2,${later.start},${later.end},ORD-1,100.50`,
    `cust-2,Bob,Builder,,(212) 555-0142,US,CA,94105,,,,${later.start},${later.end},ORD-2,`,
    `cust-3,Cy,Lovelace,,+44 20 7183 8750,GB,,,Europe/London,acct-A,,,,ORD-3,7`,
    `cust-4,Di,,+15550501004,,,,,,,not-a-priority,${later.start},${later.end},,`,
  ]);
  const res = await upload('up-happy', file);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ engagementId: 'up-happy', state: 'validating' });
  const done = await untilFinal(res.body.uploadId);
  expect(done).toMatchObject({
    state: 'completed',
    progress: { rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, deliveriesCreated: 3, deliveriesSuppressed: 0, deliveriesScheduled: 3 },
    rowErrors: { count: 0, items: [] },
  });

  const deliveries = await deliveriesOf('up-happy');
  expect(deliveries).toHaveLength(3);
  const chain = deliveries.find((d) => d.trackingId === 'acct-A');
  expect(chain.contacts.map((c: { contactId: string }) => c.contactId)).toEqual(['cust-1', 'cust-3']);
  expect(chain.contacts[0]).toMatchObject({
    timeZone: 'America/New_York',
    country: 'US',
    state: 'NY',
    postalCode: '10001',
    phones: [{ type: 'mobile', number: '+15550501001' }],
  });
  expect(chain.contacts[1].phones).toEqual([{ type: 'home', number: '+442071838750' }]);
  // The chain's first row wins for the delivery's window, attributes and Priority.
  expect(attrs(chain)).toEqual({ OrderNumber: 'ORD-1', Balance: '100.50', Priority: '2' });
  expect(chain).toMatchObject({ status: 'Pending', windowStartDate: later.start, windowEndDate: later.end });
  const bob = deliveries.find((d) => d.contactId === 'cust-2');
  expect(bob.contacts[0].phones).toEqual([{ type: 'home', number: '+12125550142' }]); // national form, country US
  expect(attrs(bob)).toEqual({ OrderNumber: 'ORD-2' });
  // An unusable Priority is kept as given: dispatch falls back to first in, first out for it.
  expect(attrs(deliveries.find((d) => d.contactId === 'cust-4'))).toEqual({ Priority: 'not-a-priority' });

  // Each delivery's workflow runs, waiting Pending for its window.
  for (const d of deliveries) {
    const description = await e2e.env.client.workflow.getHandle(deliveryWorkflowId(d.deliveryId)).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(DeliveryStatusKey)).toBe('Pending');
  }

  const contact = () =>
    e2e.stack.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('engagement_id', '=', 'up-happy')
      .where('unique_identifier', '=', 'cust-1')
      .executeTakeFirstOrThrow();
  expect(await contact()).toMatchObject({
    identifier_attribute: 'CustomerNumber',
    first_name: 'Ada',
    last_name: 'Lovelace',
    mobile_phone: '+15550501001',
    time_zone: 'America/New_York',
    attributes: { OrderNumber: 'ORD-1', Balance: '100.50' },
  });

  // A second upload updates the contact: given values replace, empty cells keep, attributes merge.
  const again = await upload(
    'up-happy',
    csv(['UniqueIdentifier,FirstName,LastName,MobilePhoneNumber,Balance,Segment', 'cust-1,Augusta,,+15550501009,0,gold']),
  );
  expect((await untilFinal(again.body.uploadId)).state).toBe('completed');
  expect(await contact()).toMatchObject({
    first_name: 'Augusta',
    last_name: 'Lovelace',
    mobile_phone: '+15550501009',
    attributes: { OrderNumber: 'ORD-1', Balance: '0', Segment: 'gold' },
  });
  expect(
    Number(
      (
        await e2e.stack.database.db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('engagement_id', '=', 'up-happy')
          .executeTakeFirstOrThrow()
      ).n,
    ),
  ).toBe(4);

  const listed = await as('supervisor').get('/v1/engagements/up-happy/uploads');
  expect(listed.status).toBe(200);
  expect(listed.body.uploads.map((u: { uploadId: string }) => u.uploadId)).toEqual([again.body.uploadId, res.body.uploadId]);
});

test('bad rows are reported by line with the reason; good rows proceed; a chain stops at five', async () => {
  const lines = [
    'UniqueIdentifier,MobilePhoneNumber,BusinessPhoneNumber,TimeZone,ID,Note', // 1
    'ok-1,+15550502001,,,,', // 2
    'bad-phone,12,,,,', // 3
    ',+15550502002,,,,', // 4 no UniqueIdentifier
    'no-phone,,,,,', // 5
    'bad-zone,+15550502003,,Mars/Olympus,,', // 6
    'short-row,+15550502004', // 7
    '', // 8 (empty, skipped)
    'ok-2,+15550502005,,,,"a note', // 9..10: a quoted field over two lines
    'that goes on"',
    ...Array.from({ length: 6 }, (_, i) => `chain-${i + 1},+1555050210${i},,,household-9,`), // 11..16
    'ok-3,,+15550502006,UTC,,', // 17
  ];
  const res = await upload('up-errors', csv(lines));
  expect(res.status).toBe(202);
  const done = await untilFinal(res.body.uploadId);
  expect(done).toMatchObject({
    state: 'completed',
    progress: { rowsRead: 14, rowsAccepted: 8, rowsRejected: 6, deliveriesCreated: 4, deliveriesScheduled: 4 },
  });
  expect(done.rowErrors.count).toBe(6);
  expect(done.rowErrors.items).toEqual([
    { line: 3, reason: expect.stringContaining('MobilePhoneNumber "12" is not a possible phone number') },
    { line: 4, reason: 'UniqueIdentifier is empty' },
    { line: 5, reason: expect.stringContaining('no phone number') },
    { line: 6, reason: expect.stringContaining('TimeZone "Mars/Olympus" is not an IANA time zone') },
    { line: 7, reason: 'the row has 2 fields, the header has 6' },
    { line: 16, reason: expect.stringMatching(/^chain "household-9" exceeds 5 contacts/) },
  ]);
  const deliveries = await deliveriesOf('up-errors');
  expect(deliveries.map((d) => d.contactId).sort()).toEqual(['chain-1', 'ok-1', 'ok-2', 'ok-3']);
  const household = deliveries.find((d) => d.trackingId === 'household-9');
  expect(household.contacts.map((c: { contactId: string }) => c.contactId)).toEqual([
    'chain-1',
    'chain-2',
    'chain-3',
    'chain-4',
    'chain-5',
  ]);
  expect(attrs(deliveries.find((d) => d.contactId === 'ok-2'))).toEqual({ Note: 'a note\nthat goes on' });

  // Errors page by line.
  const page = await as('integration').get(`/v1/uploads/${res.body.uploadId}/errors?limit=2`);
  expect(page.body).toMatchObject({ errors: [{ line: 3 }, { line: 4 }], nextAfterLine: 4 });
  const next = await as('integration').get(`/v1/uploads/${res.body.uploadId}/errors?limit=10&afterLine=4`);
  expect(next.body.errors.map((e: { line: number }) => e.line)).toEqual([5, 6, 7, 16]);
  expect(next.body.nextAfterLine).toBeNull();
});

test('formula-looking and SQL-looking cells are stored verbatim; the CSV export neutralises formulas', async () => {
  const evil = {
    sum: '=SUM(A1:A9)',
    plus: '+1+1',
    at: '@cmd',
    minus: '-2+3',
    sql: "Robert'); DROP TABLE deliveries;--",
  };
  const file = csv([
    'UniqueIdentifier,MobilePhoneNumber,Sum,Plus,At,Minus,Sql',
    `"=HYPERLINK(""http://x"")",+15550504001,"${evil.sum}",${evil.plus},${evil.at},${evil.minus},${evil.sql}`,
  ]);
  const res = await upload('up-verbatim', file, 'integration', '?defaultCountry=US');
  expect((await untilFinal(res.body.uploadId)).state).toBe('completed');
  const [delivery] = await deliveriesOf('up-verbatim');
  expect(delivery.contactId).toBe('=HYPERLINK("http://x")');
  expect(attrs(delivery)).toEqual({ Sum: evil.sum, Plus: evil.plus, At: evil.at, Minus: evil.minus, Sql: evil.sql });
  const contact = await e2e.stack.database.db
    .selectFrom('contacts')
    .selectAll()
    .where('engagement_id', '=', 'up-verbatim')
    .executeTakeFirstOrThrow();
  expect(contact).toMatchObject({ unique_identifier: '=HYPERLINK("http://x")', attributes: { Sum: evil.sum, Sql: evil.sql } });

  const exported = await fetch(`${e2e.stack.apiUrl}/v1/engagements/up-verbatim/export?format=csv&table=attributes`, {
    headers: { Authorization: `Bearer ${e2e.keys.supervisor}` },
  });
  const text = await exported.text();
  expect(text).toContain(`'${evil.sum}`);
  expect(text).toContain(`'${evil.at}`);
  expect(text).not.toMatch(/(^|,)=SUM/m);
});

test('an active cancellation policy suppresses matching rows on arrival, as for the API', async () => {
  const policy = await as('admin').post('/v1/cancellation-policies', { engagementId: 'up-policy', state: 'NY', comment: 'no calls to NY' });
  expect(policy.status).toBe(201);
  const file = csv(['UniqueIdentifier,MobilePhoneNumber,State', 'ny-1,+15550505001,ny', 'ca-1,+15550505002,CA']);
  const res = await upload('up-policy', file);
  const done = await untilFinal(res.body.uploadId);
  expect(done.progress).toMatchObject({ deliveriesCreated: 2, deliveriesSuppressed: 1, deliveriesScheduled: 1 });
  const deliveries = await deliveriesOf('up-policy');
  expect(deliveries.find((d) => d.contactId === 'ny-1')).toMatchObject({
    status: 'Cancelled',
    result: 'Cancelled',
    cancelledByPolicyId: policy.body.policyId,
  });
  await expect(
    e2e.env.client.workflow.getHandle(deliveryWorkflowId(deliveries.find((d) => d.contactId === 'ny-1').deliveryId)).describe(),
  ).rejects.toThrow();
});

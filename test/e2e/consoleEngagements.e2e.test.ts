/**
 * The engagement editor and the uploads screen in a real browser against the real stack
 * (test/helpers/consoleBrowser.ts): create through the wizard's pages with a field error first, edit,
 * clone, then drop a CSV and follow its upload to completed with its row errors and their download.
 */
import { readFileSync } from 'node:fs';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { startConsoleBrowser, type ConsoleBrowser } from '../helpers/consoleBrowser';

let c: ConsoleBrowser;

beforeAll(async () => {
  c = await startConsoleBrowser('e2e-console-engagements');
  // The uploads' own engagement, so their tests do not depend on the editor's.
  await insertEngagement(c.stack.database.db, 'upload-target', engagementConfig());
}, 240_000);

afterAll(async () => {
  await c?.stop();
});

afterEach(() => {
  expect(c.takeProblems()).toEqual([]);
});

/** What the callbacks run in the page use (the test's own program has no DOM types). */
interface InPage {
  document: { querySelectorAll(selector: string): { length: number } };
}

test('an admin creates an engagement on the wizard pages: the API schema, in the browser, flags a bad field before anything is sent', async () => {
  const { page } = c;
  await c.signIn('admin');
  await page.getByRole('link', { name: 'New engagement' }).click();
  // The seed's wizard pages, in its order.
  const pages = await page.getByRole('navigation', { name: 'Wizard pages' }).getByRole('link').allTextContents();
  expect(pages).toEqual([
    'Audience',
    'Details',
    'Dial mode',
    'Display numbers',
    'Reattempts',
    'Frequency limits',
    'Schedule and quiet hours',
    'Time zones',
    'Pacing rules',
  ]);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`);
  });
  await page.getByLabel('Engagement id (optional)').fill('editor-made');
  await page.getByLabel('Name').fill('Made in the editor');
  await page.getByLabel('Queue id').fill('q-editor');
  await page.getByLabel('Queue display number').fill('+1 555 010 7777');
  await page.getByLabel('Dial mode').selectOption('preview');
  await page.getByLabel('Preview countdown (seconds)').fill('30');
  await page.getByLabel('Busy', { exact: true }).check();
  await page.getByLabel('Calls per contact per day').fill('2');
  await page.getByLabel('mobile quiet hours (HH:mm-HH:mm, comma separated)').fill('21:00-08:00');
  await page.getByLabel('Call business numbers').check();
  await page.getByLabel('business quiet hours (HH:mm-HH:mm, comma separated)').fill('12:00-13:00, 18:00-09:00');
  await page.getByLabel('Abandonment cap (%)').fill('150');
  await page.getByRole('button', { name: 'Create engagement' }).click();

  const capError = page.locator('#f-pacingRules-abandonmentCapPercent-error');
  await capError.waitFor();
  expect(await capError.textContent()).toBe('Too big: expected number to be <=10');
  expect(await page.getByLabel('Abandonment cap (%)').getAttribute('aria-invalid')).toBe('true');
  // The focus goes to the field to fix; its page is marked.
  expect(
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id),
  ).toBe('f-pacingRules-abandonmentCapPercent');
  expect(await page.getByRole('navigation', { name: 'Wizard pages' }).textContent()).toMatch(/Pacing rules \(1 to fix\)/);
  expect(posts).toEqual([]);
  // Quiet hours on a 24-hour strip per phone type called.
  expect(await page.locator('[data-strip="mobile"]').getAttribute('aria-label')).toBe('mobile quiet hours: 21:00–08:00');
  expect(await page.locator('[data-strip="business"]').getAttribute('aria-label')).toBe('business quiet hours: 12:00–13:00, 18:00–09:00');
  expect(await page.locator('[data-strip="business"] .quiet-piece').count()).toBe(3); // 18:00-09:00 crosses midnight
  await c.screenshot('10-engagement-editor-field-error');

  await page.getByLabel('Abandonment cap (%)').fill('2.5');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await page.waitForURL(`${c.url}/console/board/editor-made`);
  expect(posts).toEqual([`POST ${c.url}/v1/engagements`]);
  const created = (await c.as('admin').get('/v1/engagements/editor-made')).body;
  expect(created).toMatchObject({
    name: 'Made in the editor',
    dialMode: 'preview',
    dialModeSettings: { previewCountdownSeconds: 30 },
    routing: { queueId: 'q-editor', queueDisplayNumber: '+15550107777' },
    reattempts: { reasons: ['Busy'] },
    frequencyLimits: { perDay: 2 },
    pacingRules: { abandonmentCapPercent: 2.5 },
    schedule: [
      { type: 'mobile', quietHours: [{ start: '21:00', end: '08:00' }] },
      {
        type: 'business',
        quietHours: [
          { start: '12:00', end: '13:00' },
          { start: '18:00', end: '09:00' },
        ],
      },
    ],
  });
});

test('edit an engagement: its settings are read back into the pages, a bad value is refused in place, the change is saved by PUT', async () => {
  const { page } = c;
  await page.getByRole('link', { name: 'Engagements', exact: true }).click();
  await page.getByRole('link', { name: 'Edit editor-made' }).click();
  await page.getByRole('heading', { name: 'Edit editor-made' }).waitFor();
  expect(await page.getByLabel('Name').inputValue()).toBe('Made in the editor');
  expect(await page.getByLabel('Preview countdown (seconds)').inputValue()).toBe('30');
  expect(await page.getByLabel('business quiet hours (HH:mm-HH:mm, comma separated)').inputValue()).toBe('12:00-13:00, 18:00-09:00');
  expect(await page.getByLabel('Engagement id (optional)').count()).toBe(0); // the id is not edited

  await page.getByLabel('mobile quiet hours (HH:mm-HH:mm, comma separated)').fill('21:00-25:00');
  await page.getByRole('button', { name: 'Save engagement' }).click();
  await page.locator('#f-quiet-mobile-error').filter({ hasText: 'quiet hours are "HH:mm" local times' }).waitFor();

  await page.getByLabel('mobile quiet hours (HH:mm-HH:mm, comma separated)').fill('20:00-08:30');
  await page.getByLabel('Name').fill('Edited in the editor');
  await page.getByLabel('Priority', { exact: true }).selectOption('High');
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/v1/engagements/editor-made'));
  await page.getByRole('button', { name: 'Save engagement' }).click();
  expect((await put).status()).toBe(200);
  await page.locator('#saved').filter({ hasText: 'Saved editor-made.' }).waitFor();
  await c.screenshot('11-engagement-editor-edit');
  const edited = (await c.as('admin').get('/v1/engagements/editor-made')).body;
  expect(edited).toMatchObject({
    name: 'Edited in the editor',
    priority: 'High',
    dialModeSettings: { previewCountdownSeconds: 30 },
    schedule: [{ type: 'mobile', quietHours: [{ start: '20:00', end: '08:30' }] }, { type: 'business' }],
  });
});

test('clone an engagement: every setting copied under a new id and name', async () => {
  const { page } = c;
  await page.getByRole('link', { name: 'Engagements', exact: true }).click();
  await page.getByRole('link', { name: 'Clone editor-made' }).click();
  await page.getByRole('heading', { name: 'Clone editor-made' }).waitFor();
  expect(await page.getByLabel('Name').inputValue()).toBe('Edited in the editor (copy)');
  expect(await page.getByLabel('Engagement id (optional)').inputValue()).toBe('');
  await page.getByLabel('Engagement id (optional)').fill('editor-clone');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await page.waitForURL(`${c.url}/console/board/editor-clone`);
  const original = (await c.as('admin').get('/v1/engagements/editor-made')).body;
  const clone = (await c.as('admin').get('/v1/engagements/editor-clone')).body;
  const settings = (e: Record<string, unknown>) => {
    const { engagementId: _id, name: _name, createdAt: _c, updatedAt: _u, state: _s, stateReason: _r, ...rest } = e;
    return rest;
  };
  expect(clone.name).toBe('Edited in the editor (copy)');
  expect(settings(clone)).toEqual(settings(original));
});

test('an integration key drops a CSV: the bar goes to completed, the row errors are listed by line and downloaded', async () => {
  const { page } = c;
  await c.signIn('integration');
  expect(await page.getByRole('link', { name: 'History' }).count()).toBe(0);
  await page.getByRole('link', { name: 'Uploads' }).click();
  await page.getByLabel('Engagement', { exact: true }).selectOption('upload-target');
  const csv = [
    'UniqueIdentifier,MobilePhoneNumber,TimeZone',
    'up-1,+15550601001,UTC',
    'up-bad-phone,12,UTC',
    ',+15550601002,UTC',
    'up-2,+15550601003,Mars/Olympus',
    'up-3,+15550601004,UTC',
  ].join('\n');
  // Dragged onto the drop zone, as a file from the desktop would be.
  const dataTransfer = await page.evaluateHandle((text) => {
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(f: unknown): void } };
      File: new (parts: string[], name: string, o: { type: string }) => unknown;
    };
    const dt = new g.DataTransfer();
    dt.items.add(new g.File([text], 'contacts.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
  await page.locator('#upload-chosen').filter({ hasText: 'contacts.csv' }).waitFor();
  const states: string[] = [];
  page.on('response', async (r) => {
    if (/\/v1\/uploads\/[^/]+$/.test(r.url()) || r.request().method() === 'POST') {
      const body = (await r.json().catch(() => ({}))) as { state?: string };
      if (body.state) states.push(body.state);
    }
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  const bar = page.locator('#upload-bar[data-state="completed"]');
  await bar.waitFor();
  expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
  // The states the bar showed, in the API's order.
  const order = ['receiving', 'validating', 'storing', 'scheduling', 'completed'];
  expect(states.map((s) => order.indexOf(s))).toEqual([...states.map((s) => order.indexOf(s))].sort());
  expect(states.at(-1)).toBe('completed');

  await page.getByRole('table', { name: 'Row errors' }).waitFor();
  const lines = await page
    .locator('[aria-label="Row errors"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { line: string } }).dataset.line));
  const api = (await c.as('integration').get('/v1/engagements/upload-target/uploads')).body.uploads[0];
  const view = (await c.as('integration').get(`/v1/uploads/${api.uploadId}`)).body;
  expect(view).toMatchObject({ state: 'completed', progress: { rowsRead: 5, rowsAccepted: 2, rowsRejected: 3 } });
  expect(lines).toEqual(view.rowErrors.items.map((e: { line: number }) => String(e.line)));
  expect(lines).toEqual(['3', '4', '5']);
  expect(await page.locator('[data-count="rowsRejected"]').textContent()).toBe('3');
  expect(await page.locator('[data-count="deliveriesCreated"]').textContent()).toBe(String(view.progress.deliveriesCreated));
  await c.screenshot('12-upload-completed-with-row-errors');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the row errors (CSV)' }).click();
  const file = await (await download).path();
  const rows = readFileSync(file!, 'utf8').trim().split('\r\n');
  expect(rows[0]).toBe('"line","reason"');
  expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['"3"', '"4"', '"5"']);
  expect(rows[1]).toMatch(/MobilePhoneNumber ""12"" is not a possible phone number/);
});

test('the file input works from the keyboard alone', async () => {
  const { page } = c;
  await page.goto(`${c.url}/console/uploads?engagement=upload-target`);
  await page.getByLabel('CSV file').setInputFiles({
    name: 'one.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('UniqueIdentifier,MobilePhoneNumber\nkb-1,+15550601101\n'),
  });
  await page.getByLabel('CSV file').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('#upload-bar[data-state="completed"]').waitFor();
  expect(await page.locator('[data-count="deliveriesCreated"]').textContent()).toBe('1');
  expect(await page.evaluate(() => (globalThis as unknown as InPage).document.querySelectorAll('[aria-label="Row errors"]').length)).toBe(
    0,
  );
});

/** The engagement schema takes its defaults and bounds from the domain (domain/engagementDefaults.ts, engagementLimits.ts). */
import { engagementConfigSchema, parseEngagementCreate } from '../../../api/schemas/engagement';
import { DEFAULT_PACING_RULES } from '../../../domain/dispatch/pacingRules';
import { MAX_DISPLAY_NUMBER_RULES } from '../../../domain/displayNumbers/types';
import { DEFAULT_ENGAGEMENT_SETTINGS, DEFAULT_REATTEMPTS } from '../../../domain/engagementDefaults';
import {
  ABANDONMENT_SECONDS,
  DIAL_MODE_LIMITS,
  FREQUENCY_LIMITS,
  PACING_LIMITS,
  REATTEMPT_LIMITS,
  type Range,
} from '../../../domain/engagementLimits';

const minimal = {
  name: 'n',
  routing: { queueId: 'q', queueDisplayNumber: '+12125550100' },
  schedule: [{ type: 'mobile', quietHours: [] }],
};

describe('engagement defaults', () => {
  test('a minimal engagement parses to the domain defaults', () => {
    const { name, routing, schedule, ...rest } = engagementConfigSchema.parse(minimal);
    expect({ name, schedule }).toEqual({ name: 'n', schedule: minimal.schedule });
    expect(routing).toEqual({ ...minimal.routing, ...DEFAULT_ENGAGEMENT_SETTINGS.routing });
    const { routing: _routing, ...settings } = DEFAULT_ENGAGEMENT_SETTINGS;
    expect(rest).toEqual(settings);
    expect(rest.pacingRules).toEqual(DEFAULT_PACING_RULES);
  });

  test('partly given settings are completed from the same defaults', () => {
    const e = engagementConfigSchema.parse({
      ...minimal,
      reattempts: { maxAttempts: 3, waitSeconds: 60 },
      pacingRules: {},
      dialModeSettings: {},
    });
    expect(e.reattempts).toEqual({ ...DEFAULT_REATTEMPTS, maxAttempts: 3, waitSeconds: 60 });
    expect(e.pacingRules).toEqual(DEFAULT_PACING_RULES);
    expect(e.dialModeSettings).toEqual(DEFAULT_ENGAGEMENT_SETTINGS.dialModeSettings);
    const ai = engagementConfigSchema.parse({ ...minimal, pacingRules: { aiFailure: { stop: 'immediately' } } });
    expect(ai.pacingRules.aiFailure).toEqual({ stop: 'immediately', ratePercent: DEFAULT_PACING_RULES.aiFailure.ratePercent });
  });

  test('a parsed engagement does not share objects with the domain defaults', () => {
    const e = engagementConfigSchema.parse(minimal);
    e.reattempts.reasons.push('Busy');
    e.routing.skills.push('x');
    e.pacingRules.aiFailure.ratePercent = 1;
    expect(DEFAULT_ENGAGEMENT_SETTINGS.reattempts.reasons).toEqual([]);
    expect(DEFAULT_ENGAGEMENT_SETTINGS.routing.skills).toEqual([]);
    expect(DEFAULT_PACING_RULES.aiFailure.ratePercent).toBe(5);
    expect(engagementConfigSchema.parse(minimal)).toEqual(engagementConfigSchema.parse(minimal));
  });
});

describe('engagement bounds come from the domain', () => {
  const reattempts = (over: object) => ({ reattempts: { maxAttempts: 1, waitSeconds: 0, ...over } });
  const cases: Array<[string, Range, (v: number) => object, string]> = [
    ['maxAttempts', REATTEMPT_LIMITS.maxAttempts, (v) => reattempts({ maxAttempts: v }), 'reattempts.maxAttempts'],
    ['waitSeconds', REATTEMPT_LIMITS.waitSeconds, (v) => reattempts({ waitSeconds: v }), 'reattempts.waitSeconds'],
    [
      'dispositionWaitSeconds',
      REATTEMPT_LIMITS.dispositionWaitSeconds,
      (v) => reattempts({ dispositionWaitSeconds: v }),
      'reattempts.dispositionWaitSeconds',
    ],
    [
      'callsPerRepresentative',
      DIAL_MODE_LIMITS.callsPerRepresentative,
      (v) => ({ dialModeSettings: { callsPerRepresentative: v } }),
      'dialModeSettings.callsPerRepresentative',
    ],
    [
      'maxConcurrentAiCalls',
      DIAL_MODE_LIMITS.maxConcurrentAiCalls,
      (v) => ({ dialModeSettings: { maxConcurrentAiCalls: v } }),
      'dialModeSettings.maxConcurrentAiCalls',
    ],
    [
      'previewCountdownSeconds',
      DIAL_MODE_LIMITS.previewCountdownSeconds,
      (v) => ({ dialModeSettings: { previewCountdownSeconds: v } }),
      'dialModeSettings.previewCountdownSeconds',
    ],
    [
      'abandonmentCapPercent',
      PACING_LIMITS.abandonmentCapPercent,
      (v) => ({ pacingRules: { abandonmentCapPercent: v } }),
      'pacingRules.abandonmentCapPercent',
    ],
    [
      'abandonmentWindowHours',
      PACING_LIMITS.abandonmentWindowHours,
      (v) => ({ pacingRules: { abandonmentWindowHours: v } }),
      'pacingRules.abandonmentWindowHours',
    ],
    [
      'minimumLiveAnswers',
      PACING_LIMITS.minimumLiveAnswers,
      (v) => ({ pacingRules: { minimumLiveAnswers: v } }),
      'pacingRules.minimumLiveAnswers',
    ],
    [
      'aiFailure.ratePercent',
      PACING_LIMITS.aiFailureRatePercent,
      (v) => ({ pacingRules: { aiFailure: { stop: 'at-rate', ratePercent: v } } }),
      'pacingRules.aiFailure.ratePercent',
    ],
    [
      'maxAverageWaitSeconds',
      PACING_LIMITS.maxAverageWaitSeconds,
      (v) => ({ pacingRules: { maxAverageWaitSeconds: v } }),
      'pacingRules.maxAverageWaitSeconds',
    ],
    [
      'maxQueueSharePercent',
      PACING_LIMITS.maxQueueSharePercent,
      (v) => ({ pacingRules: { maxQueueSharePercent: v } }),
      'pacingRules.maxQueueSharePercent',
    ],
    ['perDay', FREQUENCY_LIMITS.perDay, (v) => ({ frequencyLimits: { perDay: v } }), 'frequencyLimits.perDay'],
    ['perWeek', FREQUENCY_LIMITS.perWeek, (v) => ({ frequencyLimits: { perWeek: v } }), 'frequencyLimits.perWeek'],
    ['abandonment.seconds', ABANDONMENT_SECONDS, (v) => ({ abandonment: { seconds: v, message: 'm' } }), 'abandonment.seconds'],
  ];

  test.each(cases)('%s: the bounds are accepted, one step outside is refused', (_name, range, settings, path) => {
    // Fractional ranges (0.1..10) step by 0.1; integer ones by 1.
    const step = Number.isInteger(range.min) ? 1 : 0.1;
    for (const v of [range.min, range.max]) expect(engagementConfigSchema.safeParse({ ...minimal, ...settings(v) }).success).toBe(true);
    for (const v of [range.min - step, range.max + step]) {
      const result = engagementConfigSchema.safeParse({ ...minimal, ...settings(v) });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });

  test('the spec bounds themselves', () => {
    expect(REATTEMPT_LIMITS.maxAttempts).toEqual({ min: 1, max: 10 });
    expect(DIAL_MODE_LIMITS.callsPerRepresentative).toEqual({ min: 1, max: 5 });
    expect(DIAL_MODE_LIMITS.maxConcurrentAiCalls).toEqual({ min: 1, max: 500 });
    expect(PACING_LIMITS.abandonmentCapPercent).toEqual({ min: 0.1, max: 10 });
    expect(MAX_DISPLAY_NUMBER_RULES).toBe(5);
  });

  test('display-number rules: the domain conditions and the domain rule limit', () => {
    const rule = (condition: string) => ({ field: 'state', condition, value: 'NY', number: '+12125550100' });
    const rules = (list: object[]) => engagementConfigSchema.safeParse({ ...minimal, displayNumbers: { mode: 'rules', rules: list } });
    for (const c of ['equals', 'notEquals', 'startsWith', 'endsWith', 'contains']) expect(rules([rule(c)]).success).toBe(true);
    expect(rules([rule('matches')]).success).toBe(false);
    expect(rules(Array.from({ length: MAX_DISPLAY_NUMBER_RULES }, () => rule('equals'))).success).toBe(true);
    const over = rules(Array.from({ length: MAX_DISPLAY_NUMBER_RULES + 1 }, () => rule('equals')));
    expect(over.error!.issues[0]!.message).toBe(`at most ${MAX_DISPLAY_NUMBER_RULES} display-number rules`);
  });
});

const issuesOf = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('rules across settings', () => {
  const sms = {
    ...minimal,
    channel: 'sms',
    sms: { senderNumber: '+12125550199', messageText: 'Your payment is due' },
  };

  test('each phone type once: several types are fine, one type twice is refused', () => {
    const schedule = [
      { type: 'mobile', quietHours: [] },
      { type: 'home', quietHours: [{ start: '21:00', end: '08:00' }] },
    ];
    expect(engagementConfigSchema.parse({ ...minimal, schedule }).schedule).toEqual(schedule);
    expect(issuesOf(engagementConfigSchema.safeParse({ ...minimal, schedule: [schedule[1], schedule[1]] }))).toEqual([
      { path: 'schedule', message: 'a phone type appears once' },
    ]);
  });

  test('an answering machine is hung up on without a message, or left one', () => {
    const parse = (answeringMachine: object) => engagementConfigSchema.safeParse({ ...minimal, answeringMachine });
    expect(parse({ action: 'hangup' }).data?.answeringMachine).toEqual({ action: 'hangup' });
    expect(parse({ action: 'voicemail', voicemailMessage: 'Call us back' }).data?.answeringMachine).toEqual({
      action: 'voicemail',
      voicemailMessage: 'Call us back',
    });
    expect(issuesOf(parse({ action: 'voicemail', voicemailMessage: '' }))).toEqual([
      { path: 'answeringMachine.voicemailMessage', message: 'a voicemail message is required with action "voicemail"' },
    ]);
  });

  test('an SMS engagement: a sender and a text, mobile numbers only, no SMS follow-up', () => {
    expect(engagementConfigSchema.parse(sms)).toMatchObject({ channel: 'sms', sms: sms.sms });
    const { sms: _settings, ...noSettings } = sms;
    expect(issuesOf(engagementConfigSchema.safeParse(noSettings))).toEqual([
      { path: 'sms', message: 'an SMS engagement needs a sender number and a message text' },
    ]);
    const homeToo = [
      { type: 'mobile', quietHours: [] },
      { type: 'home', quietHours: [] },
    ];
    expect(issuesOf(engagementConfigSchema.safeParse({ ...sms, schedule: homeToo }))).toEqual([
      { path: 'schedule', message: 'SMS is sent to mobile numbers only' },
    ]);
    expect(issuesOf(engagementConfigSchema.safeParse({ ...sms, smsFollowUpEngagementId: 'texts' }))).toEqual([
      { path: 'smsFollowUpEngagementId', message: 'only voice engagements have an SMS follow-up' },
    ]);
  });

  test('a voice engagement calls any phone type and may have an SMS follow-up', () => {
    const business = [{ type: 'business', quietHours: [] }];
    expect(engagementConfigSchema.parse({ ...minimal, schedule: business, smsFollowUpEngagementId: 'texts' })).toMatchObject({
      channel: 'voice',
      schedule: business,
      smsFollowUpEngagementId: 'texts',
    });
  });

  test('an AI-led engagement uses the ai-agent dial mode; a representative engagement may too', () => {
    expect(issuesOf(engagementConfigSchema.safeParse({ ...minimal, engagementType: 'ai-agent' }))).toEqual([
      { path: 'dialMode', message: 'an AI-led engagement uses the "ai-agent" dial mode' },
    ]);
    expect(engagementConfigSchema.parse({ ...minimal, engagementType: 'ai-agent', dialMode: 'ai-agent' })).toMatchObject({
      engagementType: 'ai-agent',
      dialMode: 'ai-agent',
    });
    expect(engagementConfigSchema.parse({ ...minimal, dialMode: 'ai-agent' }).engagementType).toBe('representative');
  });
});

describe('creating an engagement', () => {
  test('without an engagementId: one is generated later, the settings are parsed', () => {
    const created = parseEngagementCreate(minimal);
    expect(created).toEqual({ success: true, data: { engagementId: undefined, config: engagementConfigSchema.parse(minimal) } });
  });

  test('a bad engagementId alone refuses the request, naming only it', () => {
    expect(issuesOf(parseEngagementCreate({ ...minimal, engagementId: 'has space' }))).toEqual([
      { path: 'engagementId', message: 'letters, digits and . _ : - only' },
    ]);
  });

  test('bad settings alone are reported as the schema reports them', () => {
    expect(issuesOf(parseEngagementCreate({ ...minimal, engagementId: 'ok-1', priority: 'Urgent!' })).map((i) => i.path)).toEqual([
      'priority',
    ]);
  });

  test.each([
    ['null', null],
    ['an array', [minimal]],
    ['a string', 'engagement'],
  ])('a body that is %s is one refusal of the whole body', (_name, body) => {
    const result = parseEngagementCreate(body);
    expect(result.success).toBe(false);
    expect(issuesOf(result).map((i) => i.path)).toEqual(['']);
  });
});

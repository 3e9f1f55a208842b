export const DISPLAY_NUMBER_CONDITIONS = ['equals', 'notEquals', 'startsWith', 'endsWith', 'contains'] as const;

/** A rule's matching condition. Comparison is case-insensitive on trimmed values (see evaluateRule). */
export type DisplayNumberCondition = (typeof DISPLAY_NUMBER_CONDITIONS)[number];

/** Spec §5: up to five rules per engagement. Enforced by the engagement validation, not here. */
export const MAX_DISPLAY_NUMBER_RULES = 5;

/** Most numbers automated distribution spreads calls over. */
export const MAX_AUTOMATED_DISPLAY_NUMBERS = 100;

/** Most characters of a rule's field name and of its value. */
export const DISPLAY_NUMBER_RULE_TEXT_MAX = { field: 100, value: 200 } as const;

/** "If contact field `field` <condition> `value`, call from `number`." */
export interface DisplayNumberRule {
  field: string;
  condition: DisplayNumberCondition;
  value: string;
  number: string;
}

export type DisplayNumberPolicy =
  /** Always the queue's number. */
  | { mode: 'queue' }
  /** Spread calls evenly (pseudo-random, reproducible per call key) over these numbers. */
  | { mode: 'automated'; numbers: string[] }
  /** First matching rule wins, else the queue's number. */
  | { mode: 'rules'; rules: DisplayNumberRule[] };

export interface DisplayNumberContext {
  /** The queue's (workstream's) number: the default. */
  queueNumber: string;
  /** A stable key for this call intent, e.g. "<deliveryId>:a<attempt>:n<index>". */
  callKey: string;
  /**
   * Contact fields the rules can look at: named attributes (e.g. "country", "state", "postalCode",
   * "timeZone", "destination", "phoneType") and pass-through attributes, all strings.
   */
  fields: Record<string, string | undefined>;
}

/** Why a number was chosen: 'queue' | 'automated' | 'rule 1'..'rule N' (1-based) | 'no rule matched'. */
export type DisplayNumberReason = 'queue' | 'automated' | 'no rule matched' | `rule ${number}`;

export interface DisplayNumberSelection {
  number: string;
  reason: DisplayNumberReason;
}

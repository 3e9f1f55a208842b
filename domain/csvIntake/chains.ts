import type { WindowInput } from '../delivery/windowInputs';
import { type ChainMember, chainDuplicates } from '../delivery/chainDuplicates';
import { MAX_CHAIN_CONTACTS } from '../delivery/deliveryLimits';
import type { IntakeRow } from './rows';

/** The chain limit of every delivery (domain/deliveryLimits.ts); kept under its intake name. */
export const MAX_CHAIN = MAX_CHAIN_CONTACTS;

/**
 * First pass over the file: counts the accepted rows of each ID, refuses the sixth and later ones and
 * a row whose contact id or number is already in its chain, and remembers the line of each chain's
 * last row so the second pass knows when a chain is complete.
 * Memory: per distinct ID, its contacts' ids and numbers (at most MAX_CHAIN contacts).
 */
export class ChainCounter {
  private readonly members = new Map<string, ChainMember[]>();
  readonly lastLines = new Map<string, number>();

  /** Undefined when the row may join its chain, else the row error. */
  admit(row: Pick<IntakeRow, 'chainId' | 'line'> & Partial<Pick<IntakeRow, 'contact'>>): string | undefined {
    if (row.chainId === undefined) return undefined;
    const members = this.members.get(row.chainId) ?? [];
    const count = members.length + 1;
    if (count > MAX_CHAIN)
      return `chain "${row.chainId.slice(0, 40)}" exceeds ${MAX_CHAIN} contacts (ID appears on more than ${MAX_CHAIN} rows)`;
    const member: ChainMember = { contactId: row.contact?.contactId ?? `#line ${row.line}`, phones: row.contact?.phones ?? [] };
    const duplicate = chainDuplicates([...members, member]).find((d) => d.contact === members.length);
    if (duplicate) return `chain "${row.chainId.slice(0, 40)}": ${duplicate.message}`;
    members.push(member);
    this.members.set(row.chainId, members);
    this.lastLines.set(row.chainId, row.line);
    return undefined;
  }
}

/**
 * Second pass: gathers accepted rows into chains in file order and hands each chain over as soon as
 * its last row has been read. Only chains whose rows are spread over the file wait in memory.
 */
export class ChainAssembler {
  private readonly open = new Map<string, IntakeRow[]>();
  private readonly counter = new ChainCounter();

  constructor(private readonly lastLines: ReadonlyMap<string, number>) {}

  /** The complete chain this row closes, if any (a row without ID is a chain of one). */
  add(row: IntakeRow): IntakeRow[] | undefined {
    if (row.chainId === undefined) return [row];
    if (this.counter.admit(row) !== undefined) return undefined; // reported by the first pass
    const rows = this.open.get(row.chainId) ?? [];
    rows.push(row);
    if (this.lastLines.get(row.chainId) !== row.line) {
      this.open.set(row.chainId, rows);
      return undefined;
    }
    this.open.delete(row.chainId);
    return rows;
  }

  /** Chains left open (none when both passes read the same file). */
  get pending(): number {
    return this.open.size;
  }
}

/** What a chain of rows makes of its delivery. */
export interface ChainDelivery {
  rows: IntakeRow[];
  trackingId?: string;
  /** Pass-through cells of the chain; the earlier row wins when two rows set the same column. */
  inputAttributes: Record<string, string>;
  customPriority?: string;
  windows?: WindowInput[];
}

export function chainDelivery(rows: IntakeRow[]): ChainDelivery {
  const inputAttributes: Record<string, string> = {};
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.passThrough)) if (!(name in inputAttributes)) inputAttributes[name] = value;
  }
  const window = rows.find((r) => r.window)?.window;
  return {
    rows,
    trackingId: rows[0]!.chainId,
    inputAttributes,
    customPriority: rows.find((r) => r.priority !== undefined)?.priority,
    windows: window ? [window] : undefined,
  };
}

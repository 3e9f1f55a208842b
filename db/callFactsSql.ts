import { type RawBuilder, sql } from 'kysely';
import { type CallFactFlag, type CallFactsPattern, CONNECTED_CALL, LIVE_ANSWER } from '../domain/callState';

/** Where each call fact is stored in `calls`. */
const FLAG_COLUMNS: Record<CallFactFlag, string> = { answeringMachine: 'answering_machine', abandoned: 'abandoned' };

/**
 * The SQL form of a call-facts pattern over a table shaped like `calls`: true or false, never null
 * (a missing state matches nothing, a null flag counts as false), like matchesCallFacts.
 */
export function callFactsMatchSql(pattern: CallFactsPattern, table = 'calls'): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const parts = [sql`coalesce(${column('call_state')} = ${pattern.state}, false)`];
  for (const [flag, wanted] of Object.entries(pattern.flags)) {
    parts.push(sql`coalesce(${column(FLAG_COLUMNS[flag as CallFactFlag])}, false) = ${wanted}`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export const liveAnswerSql = (table = 'calls') => callFactsMatchSql(LIVE_ANSWER, table);
export const connectedCallSql = (table = 'calls') => callFactsMatchSql(CONNECTED_CALL, table);

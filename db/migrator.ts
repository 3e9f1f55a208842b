import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connect';
import * as initial from './migrations/0001_initial';
import * as touchesMessagesLinks from './migrations/0002_touches_messages_links';
import * as cancellationPolicies from './migrations/0003_cancellation_policies';
import * as contactsUploads from './migrations/0004_contacts_uploads';
import * as dispatch from './migrations/0005_dispatch';
import * as foreignKeyIndexes from './migrations/0006_foreign_key_indexes';
import * as decisionTrail from './migrations/0007_decision_trail';
import * as pacingDecisions from './migrations/0008_pacing_decisions';
import * as callResults from './migrations/0009_call_results';
import * as callDurations from './migrations/0010_call_durations';
import * as unknownAbandonment from './migrations/0011_unknown_abandonment';
import * as apiKeyRepresentative from './migrations/0012_api_key_representative';
import * as callRepresentative from './migrations/0013_call_representative';
import * as requestGrantMinutes from './migrations/0014_request_grant_minutes';

/** Migrations are listed explicitly (not read from disk) so they work the same under tsx, jest and a bundle. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_touches_messages_links': touchesMessagesLinks,
  '0003_cancellation_policies': cancellationPolicies,
  '0004_contacts_uploads': contactsUploads,
  '0005_dispatch': dispatch,
  '0006_foreign_key_indexes': foreignKeyIndexes,
  '0007_decision_trail': decisionTrail,
  '0008_pacing_decisions': pacingDecisions,
  '0009_call_results': callResults,
  '0010_call_durations': callDurations,
  '0011_unknown_abandonment': unknownAbandonment,
  '0012_api_key_representative': apiKeyRepresentative,
  '0013_call_representative': callRepresentative,
  '0014_request_grant_minutes': requestGrantMinutes,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

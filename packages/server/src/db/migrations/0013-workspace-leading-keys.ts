// Every key starts with workspace_id, so the schema can be distributed by workspace on Citus, which
// enforces a primary key or unique index only when it contains the distribution column
// (db/workspace-keys.db.test.ts checks this for every table). Two keys did not: sessions were keyed by
// the token hash alone, api_keys had a globally unique key hash. Both are still found by the hash
// alone (a request presents only its secret), now through a plain index: under Citus that look-up
// visits every shard, once per request for keys and sessions. Global uniqueness of a hash rests on the
// secrets' randomness (192 bits for keys, 256 for sessions), and for a chosen bootstrap key on
// init-workspace's check under its advisory lock; a key hash found twice authenticates nobody.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table sessions drop constraint sessions_pkey',
    'alter table sessions add constraint sessions_pkey primary key (workspace_id, id)',
    'create index sessions_token_idx on sessions (id)',
    'alter table api_keys drop constraint api_keys_key_hash_key',
    'alter table api_keys add constraint api_keys_workspace_key_hash_key unique (workspace_id, key_hash)',
    'create index api_keys_key_hash_idx on api_keys (key_hash)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop index api_keys_key_hash_idx',
    'alter table api_keys drop constraint api_keys_workspace_key_hash_key',
    'alter table api_keys add constraint api_keys_key_hash_key unique (key_hash)',
    'drop index sessions_token_idx',
    'alter table sessions drop constraint sessions_pkey',
    'alter table sessions add constraint sessions_pkey primary key (id)',
  ])
}

// Inputs that break naive servers, for the fuzz's invalid requests: each list targets one layer
// (JSON parsing, content negotiation, routing, query coercion, authentication, mass assignment).

/** How a fuzzed request authenticates; the strings name the test's own key and session. */
export type Credentials =
  | 'key'
  | 'session'
  | 'session-without-csrf'
  | 'session-with-wrong-csrf'
  | 'revoked-key'
  | 'none'
  | { authorization?: string; cookie?: string }

/** Fields a client may try to set that only the server decides. */
export const FORGED_FIELDS = [
  'owner',
  'ownerId',
  'stage',
  'scores',
  'fit',
  'engagement',
  'workspace_id',
  'workspaceId',
  'role',
  'scope',
  'id',
  'version',
  'status',
  'createdBy',
  '__proto__',
  'constructor',
]

export const WRONG_VALUES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  null,
  '',
  'text',
  [],
  [null],
  {},
  { a: 1 },
]
export const BAD_SCALARS = [
  '',
  ' ',
  'abc',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1.5',
  '1e999',
  '9007199254740993',
  'null',
  'true',
]
export const BAD_SEGMENTS = [
  '\u0000',
  ' ',
  '%',
  "' or '1'='1",
  '-1',
  '0',
  '1.5',
  '1e3',
  'NaN',
  '😀',
  '/',
  '\\',
  '00000000-0000-0000-0000-00000000000g',
  '[object Object]',
  '${7*7}',
  '<script>',
  'x'.repeat(300),
]
export const MALFORMED_JSON = [
  '',
  '{',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":1} trailing',
  '{"a":1 /* comment */}',
  '[1,2',
  'undefined',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1,"a":2}',
  '['.repeat(20_000) + ']'.repeat(20_000),
]
export const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=takt',
  'application/json; charset=utf-16',
  'application/yaml',
  'application/octet-stream',
  'application/vnd.api+json',
  'text/json',
]
export const BAD_CREDENTIALS: Credentials[] = [
  'none',
  'revoked-key',
  'session-without-csrf',
  'session-with-wrong-csrf',
  { authorization: 'Bearer' },
  { authorization: 'Bearer ' },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: `Bearer takt_admin_${'A'.repeat(32)}` },
  { authorization: 'Bearer two words' },
  { authorization: `Bearer ${'x'.repeat(4000)}` },
  { cookie: 'takt_session=forged' },
  { cookie: 'takt_session=' },
]

import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import {
  checkWebhookTarget,
  guardedDispatcher,
  isPublicAddress,
  parseWebhookUrl,
  TargetRefusedError,
} from './webhook-target.ts'

describe('isPublicAddress', () => {
  const cases: [string, boolean][] = [
    // IPv4
    ['8.8.8.8', true],
    ['93.184.215.14', true],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['10.0.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    // IPv6
    ['2606:4700:4700::1111', true],
    ['2a00:1450:4001:82b::200e', true],
    ['::1', false],
    ['::', false],
    ['fc00::1', false],
    ['fd12:3456:789a::1', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['100::1', false],
    // IPv4 reached through IPv6
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:192.168.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['::ffff:0:127.0.0.1', false],
    ['64:ff9b::127.0.0.1', false],
    ['64:ff9b::8.8.8.8', true],
    ['::127.0.0.1', false],
    // Not an address in canonical form
    ['127.1', false],
    ['0x7f.0.0.1', false],
    ['localhost', false],
    ['', false],
  ]
  for (const [address, expected] of cases) {
    test(`${expected ? 'accepts' : 'refuses'} ${JSON.stringify(address)}`, () => {
      assert.equal(isPublicAddress(address), expected)
    })
  }
})

describe('parseWebhookUrl', () => {
  test('accepts an absolute https or http URL with port, path and query', () => {
    for (const raw of ['https://hooks.example.com/takt?team=sales', 'http://example.com:8080/hook']) {
      const parsed = parseWebhookUrl(raw)
      assert.ok(parsed.ok)
      assert.equal(parsed.url.href, raw)
    }
  })

  const problems: [string, string, string, RegExp][] = [
    ['ftp', 'ftp://example.com/hook', 'URL_SCHEME', /https:\/\/ or http:\/\//],
    ['javascript', 'javascript:alert(1)', 'URL_SCHEME', /https:\/\/ or http:\/\//],
    ['file', 'file:///etc/passwd', 'URL_SCHEME', /https:\/\/ or http:\/\//],
    ['a relative path', '/hooks/takt', 'URL_NOT_ABSOLUTE', /full address/],
    ['a host without scheme', 'example.com/hook', 'URL_NOT_ABSOLUTE', /full address/],
    [
      'a user name and password',
      'https://user:secret@example.com/hook',
      'URL_CREDENTIALS',
      /user name or password/,
    ],
    ['a user name only', 'https://user@example.com/hook', 'URL_CREDENTIALS', /user name or password/],
    ['a fragment', 'https://example.com/hook#part', 'URL_FRAGMENT', /fragment/],
    ['an empty fragment', 'https://example.com/hook#', 'URL_FRAGMENT', /fragment/],
    ['too many characters', `https://example.com/${'a'.repeat(2000)}`, 'URL_TOO_LONG', /longer than 2000/],
  ]
  for (const [name, raw, code, message] of problems) {
    test(`refuses ${name} with ${code}`, () => {
      const parsed = parseWebhookUrl(raw)
      assert.equal(parsed.ok, false)
      if (parsed.ok) return
      assert.equal(parsed.problem.code, code)
      assert.match(parsed.problem.message, message)
    })
  }

  test('names the limit of a URL that is too long', () => {
    const parsed = parseWebhookUrl(`https://example.com/${'a'.repeat(2000)}`)
    assert.deepEqual(parsed.ok ? undefined : parsed.problem.params, { limit: 2000 })
  })
})

describe('checkWebhookTarget', () => {
  const deny = { allowPrivate: false }
  const allow = { allowPrivate: true }

  test('refuses loopback literals and localhost', async () => {
    for (const raw of [
      'http://127.0.0.1:8080/hook',
      'http://[::1]:8080/hook',
      'http://localhost:8080/hook',
    ]) {
      const check = await checkWebhookTarget(new URL(raw), deny)
      assert.equal(check.ok, false, raw)
      if (!check.ok) assert.match(check.problem.message, /not a public address/)
    }
  })

  test('names the host and the address it resolves to', async () => {
    const literal = await checkWebhookTarget(new URL('http://127.0.0.1:8080/hook'), deny)
    assert.deepEqual(literal.ok ? undefined : literal.problem, {
      code: 'ADDRESS_NOT_PUBLIC',
      params: { host: '127.0.0.1' },
      message: '127.0.0.1 is not a public address.',
    })
    const named = await checkWebhookTarget(new URL('http://localhost:8080/hook'), deny)
    assert.equal(named.ok ? undefined : named.problem.code, 'HOST_NOT_PUBLIC')
    if (!named.ok && named.problem.code === 'HOST_NOT_PUBLIC') {
      assert.equal(named.problem.params.host, 'localhost')
      assert.ok(!isPublicAddress(named.problem.params.address), named.problem.params.address)
    }
  })

  test('refuses the cloud metadata address written as a mapped IPv6 literal', async () => {
    const check = await checkWebhookTarget(new URL('http://[::ffff:169.254.169.254]/latest'), deny)
    assert.deepEqual(check, {
      ok: false,
      problem: {
        code: 'ADDRESS_NOT_PUBLIC',
        params: { host: '::ffff:a9fe:a9fe' },
        message: '::ffff:a9fe:a9fe is not a public address.',
      },
    })
  })

  test('accepts loopback when private targets are allowed', async () => {
    for (const raw of ['http://127.0.0.1:8080/hook', 'http://localhost:8080/hook']) {
      assert.deepEqual(await checkWebhookTarget(new URL(raw), allow), { ok: true })
    }
  })

  test('accepts a public IP literal without a lookup', async () => {
    assert.deepEqual(await checkWebhookTarget(new URL('https://8.8.8.8/hook'), deny), { ok: true })
  })

  test('refuses a host that does not resolve, even when private targets are allowed', async () => {
    const check = await checkWebhookTarget(new URL('https://no-such-host.invalid/hook'), allow)
    assert.deepEqual(check, {
      ok: false,
      problem: {
        code: 'HOST_UNRESOLVED',
        params: { host: 'no-such-host.invalid' },
        message: 'The host no-such-host.invalid could not be resolved.',
      },
    })
  })
})

describe('guardedDispatcher', () => {
  test('checks the addresses when it connects, so a name that now points inside gets no request', async (t) => {
    let requests = 0
    const server = createServer((_req, res) => {
      requests++
      res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.after(() => server.close())
    const port = (server.address() as AddressInfo).port
    const guarded = guardedDispatcher({ allowPrivate: false }, 2000)
    // localhost stands for a public name that was checked and then rebound to a private address.
    for (const url of [
      `http://localhost:${port}/`,
      `http://127.0.0.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      await assert.rejects(request(url, { method: 'POST', dispatcher: guarded }), (error: unknown) => {
        assert.ok(error instanceof TargetRefusedError, String(error))
        assert.equal(error.code, 'ERR_WEBHOOK_TARGET_REFUSED')
        assert.match(error.message, /not a public address/)
        assert.match(error.problem.code, /^(ADDRESS|HOST)_NOT_PUBLIC$/)
        return true
      })
    }
    assert.equal(requests, 0)
    const open = guardedDispatcher({ allowPrivate: true }, 2000)
    const response = await request(`http://localhost:${port}/`, { method: 'POST', dispatcher: open })
    assert.equal(await response.body.text(), 'ok')
    assert.equal(requests, 1)
  })

  test('keeps one agent per policy and timeout', () => {
    assert.equal(
      guardedDispatcher({ allowPrivate: false }, 2000),
      guardedDispatcher({ allowPrivate: false }, 2000),
    )
    assert.notEqual(
      guardedDispatcher({ allowPrivate: false }, 2000),
      guardedDispatcher({ allowPrivate: true }, 2000),
    )
    assert.notEqual(
      guardedDispatcher({ allowPrivate: false }, 2000),
      guardedDispatcher({ allowPrivate: false }, 500),
    )
  })
})

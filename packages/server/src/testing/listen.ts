// Puts a test's app on a free loopback port and says where it is.
import type { FastifyInstance } from 'fastify'

export async function listenOnFreePort(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('the app is not listening on a port')
  return `http://127.0.0.1:${address.port}`
}

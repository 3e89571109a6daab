// A TCP proxy in front of PostgreSQL that a test controls: `cut()` drops every open connection and
// refuses new ones, as a failover or a restart does to a client; `restore()` lets connections through.
import { createServer, connect, type Socket } from 'node:net'

export type TcpProxy = {
  port: number
  /** connections accepted since start, so a test can see the server reconnected */
  connections: () => number
  cut: () => void
  restore: () => void
  close: () => Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>()
  let cut = false
  let accepted = 0
  const server = createServer((client) => {
    if (cut) {
      client.destroy()
      return
    }
    accepted++
    const upstream = connect(target.port, target.host)
    const pair = [client, upstream]
    for (const socket of pair) {
      open.add(socket)
      socket.on('error', () => pair.forEach((each) => each.destroy()))
      socket.on('close', () => {
        open.delete(socket)
        pair.forEach((each) => each.destroy())
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    connections: () => accepted,
    cut: () => {
      cut = true
      for (const socket of open) socket.destroy()
    },
    restore: () => {
      cut = false
    },
    close: async () => {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

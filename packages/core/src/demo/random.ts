// A seeded PRNG for demo data: the core may not use Math.random, and a demo must be reproducible
// from its seed. sfc32 is fast and statistically solid; splitmix32 spreads any seed over its state.

export type Random = {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K
  /** Log-uniform in [min, max]: small values common, large ones rare, like company sizes. */
  logUniform(min: number, max: number): number
}

function splitmix32(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

export function createRandom(seed: number): Random {
  // Fold the high bits in too, so seeds beyond 2^32 and fractional seeds still differ.
  const mix = splitmix32(
    (Math.floor(seed) ^ Math.floor(seed / 4294967296) ^ Math.round((seed % 1) * 1e9)) | 0,
  )
  const next = sfc32(mix(), mix(), mix(), mix())
  for (let i = 0; i < 12; i++) next()

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
    weighted: (weights) => {
      const keys = Object.keys(weights) as (keyof typeof weights)[]
      let total = 0
      for (const key of keys) total += weights[key] ?? 0
      let roll = next() * total
      for (const key of keys) {
        roll -= weights[key] ?? 0
        if (roll < 0) return key
      }
      return keys[keys.length - 1] as (typeof keys)[number]
    },
    logUniform: (min, max) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
  }
  return random
}

/** Splits a whitespace-separated word list: keeps long name lists compact and readable. */
export function words(list: string): readonly string[] {
  return list.trim().split(/\s+/)
}

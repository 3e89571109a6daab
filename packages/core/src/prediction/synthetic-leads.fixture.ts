// Synthetic lead histories for the prediction tests: conversion depends only on the features a test names,
// so it knows which factor a model has to find. Seeded, so every run sees the same leads.
import type { CsvTable } from './read-csv-table.ts'

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const SOURCE_RATES: ReadonlyMap<string, number> = new Map([
  ['Reference', 0.85],
  ['Welingak Website', 0.6],
  ['Google', 0.3],
  ['Organic Search', 0.3],
  ['Direct Traffic', 0.2],
  ['Olark Chat', 0.08],
  ['', 0.25],
])
const SOURCES = [...SOURCE_RATES.keys()].filter((source) => source !== '')
const CITIES = ['Mumbai', 'Pune', 'Thane', 'Select', '']

/**
 * `signal: 'source'`: the conversion rate is Lead Source's alone (SOURCE_RATES) and the other columns are
 * noise. `'mixed'`: visits (missing ones included), time on site and city count as well.
 */
export function syntheticLeads(rows: number, seed: number, signal: 'source' | 'mixed' = 'source'): CsvTable {
  const random = seededRandom(seed)
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!
  const header = ['Lead Source', 'TotalVisits', 'Time On Website', 'City', 'Do Not Email', 'Converted']
  return {
    header,
    rows: Array.from({ length: rows }, () => {
      const source = random() < 0.04 ? '' : pick(SOURCES)
      const visits = random() < 0.1 ? '' : String(Math.floor(random() * 15))
      const time = Math.round(random() * 2000)
      const city = pick(CITIES)
      const doNotEmail = random() < 0.1 ? 'Yes' : 'No'
      let logOdds = logit(SOURCE_RATES.get(source)!)
      if (signal === 'mixed') {
        logOdds += visits === '' ? 1 : Number(visits) > 7 ? 0.8 : -0.4
        logOdds += (time / 1000 - 1) * 0.8 + (city === 'Pune' ? 0.7 : 0)
      }
      const converted = random() < 1 / (1 + Math.exp(-logOdds)) ? '1' : '0'
      return [source, visits, String(time), city, doNotEmail, converted]
    }),
  }
}

function logit(p: number): number {
  return Math.log(p / (1 - p))
}

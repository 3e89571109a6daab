// What sticks out of the window sideways, found by walking the DOM in the page: the check every e2e test
// uses for "works on a phone without horizontal scrolling".
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

// The few DOM types the check needs: this file is type-checked with Node's library, not the DOM's.
type Box = { left: number; right: number; width: number; height: number }
type Node = {
  tagName: string
  className: unknown
  textContent: string | null
  parentElement: Node | null
  getBoundingClientRect: () => Box
}
type Window = {
  innerWidth: number
  scrollX: number
  document: {
    documentElement: { scrollWidth: number }
    body: Node & { querySelectorAll: (selector: string) => Iterable<Node> }
  }
  getComputedStyle: (node: Node) => { overflowX: string; visibility: string; opacity: string }
}

/**
 * What sticks out past the right edge of the window, each named by tag, class and text. An element inside
 * a container that scrolls or clips sideways is exempt: the container is checked in its place.
 */
export function findOverflow(): string[] {
  const { innerWidth: width, scrollX, document, getComputedStyle } = globalThis as unknown as Window
  const describe = (element: Node) => {
    const rect = element.getBoundingClientRect()
    const [left, right] = [rect.left + scrollX, rect.right + scrollX]
    const className = typeof element.className === 'string' ? element.className.trim() : ''
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)
    return `<${element.tagName.toLowerCase()}${className ? ` class="${className}"` : ''}> "${text}" spans ${Math.round(left)}–${Math.round(right)} px`
  }
  const problems: string[] = []
  const scrollWidth = document.documentElement.scrollWidth
  if (scrollWidth > width) problems.push(`the page is ${scrollWidth} px wide in a ${width} px window`)
  const clipped = (element: Node) => {
    for (
      let parent = element.parentElement;
      parent && parent !== document.body;
      parent = parent.parentElement
    ) {
      const overflow = getComputedStyle(parent).overflowX
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip')
        return true
    }
    return false
  }
  for (const element of document.body.querySelectorAll('*')) {
    const rect = element.getBoundingClientRect()
    if (rect.width === 0 || rect.height === 0) continue
    // Page coordinates: a page already scrolled sideways must not hide what sticks out.
    if (rect.right + scrollX <= width + 0.5 && rect.left + scrollX >= -0.5) continue
    const style = getComputedStyle(element)
    if (style.visibility === 'hidden' || style.opacity === '0') continue
    if (clipped(element)) continue
    problems.push(describe(element))
    if (problems.length >= 8) break
  }
  // The page is too wide but nothing unclipped sticks out: name what does (e.g. an absolutely placed child).
  if (problems.length === 1 && scrollWidth > width) {
    for (const element of document.body.querySelectorAll('*')) {
      if (element.getBoundingClientRect().right + scrollX > width + 0.5) problems.push(describe(element))
      if (problems.length >= 6) break
    }
  }
  return problems
}

/** Fails with every misfit named when anything on the page reaches past the window's right edge. */
export async function assertFits(page: Page, where: string): Promise<void> {
  assert.deepEqual(await page.evaluate(findOverflow), [], `${where} fits ${page.viewportSize()?.width} px`)
}

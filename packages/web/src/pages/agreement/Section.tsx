// One part of the readable agreement, with an anchor for the contents list.
import type { ReactNode } from 'react'

export function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string
  title: string
  intro?: ReactNode
  children: ReactNode
}) {
  return (
    <section
      className="card agreement-section"
      id={`agreement-${id}`}
      aria-labelledby={`agreement-${id}-title`}
    >
      <h2 id={`agreement-${id}-title`}>{title}</h2>
      {intro && <p className="muted section-intro">{intro}</p>}
      {children}
    </section>
  )
}

/** Signed points, coloured by direction (the sign is in the text too, not only the colour). */
export function Points({ text, value }: { text: string; value: number }) {
  return <span className={value > 0 ? 'points plus' : value < 0 ? 'points minus' : 'points'}>{text}</span>
}

// One line under a screen's heading: what just happened, or what was refused. Its height is reserved,
// so the list below does not jump when a message appears.
export type Notice = { kind: 'ok' | 'error'; text: string }

export function NoticeLine({ notice }: { notice: Notice | null }) {
  return (
    <p
      className={notice?.kind === 'error' ? 'notice notice-error' : 'notice'}
      role="status"
      aria-live="polite"
    >
      {notice?.text ?? ''}
    </p>
  )
}

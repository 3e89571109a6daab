// An e-mail address that wraps after the @ rather than in the middle of a word.
export function Email({ address, link = true }: { address: string; link?: boolean }) {
  const at = address.indexOf('@')
  const text =
    at < 0 ? (
      address
    ) : (
      <>
        {address.slice(0, at + 1)}
        <wbr />
        {address.slice(at + 1)}
      </>
    )
  return link ? <a href={`mailto:${address}`}>{text}</a> : <>{text}</>
}

// Global search (Ctrl/Cmd-K, or the search button in the top bar on any screen, phones included): people
// by name or e-mail, companies by name or domain. Arrow keys move through the results, Enter opens the
// lead (a company opens the pipeline filtered to its domain), Escape closes and returns focus.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { MIN_SEARCH_LENGTH, useGlobalSearch } from '../hooks/use-global-search.ts'
import './command-palette.css'

const TYPING_PAUSE_MS = 150

type Hit = { key: string; label: string; detail: string; to: string; group: 'leads' | 'accounts' }

export function CommandPalette() {
  const { t } = useTranslation('search')
  const [open, setOpen] = useState(false)
  const opener = useRef<HTMLElement | null>(null)

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        opener.current = document.activeElement as HTMLElement | null
        setOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const close = () => {
    setOpen(false)
    opener.current?.focus()
  }

  return (
    <>
      <button
        type="button"
        className="palette-button"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        title={t('shortcut')}
        onClick={(event) => {
          opener.current = event.currentTarget
          setOpen(true)
        }}
      >
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="palette-button-label">{t('button')}</span>
      </button>
      {open && createPortal(<PaletteDialog onClose={close} onOpened={() => setOpen(false)} />, document.body)}
    </>
  )
}

function PaletteDialog({ onClose, onOpened }: { onClose: () => void; onOpened: () => void }) {
  const { t } = useTranslation('search')
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text])
  const search = useGlobalSearch(query)
  const enough = query.trim().length >= MIN_SEARCH_LENGTH
  const hits: Hit[] = enough
    ? [
        ...(search.data?.leads ?? []).map((lead) => ({
          key: `lead-${lead.id}`,
          label: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email,
          detail: [lead.email, lead.companyName, t(`common:stage.${lead.stage}`)].filter(Boolean).join(' · '),
          to: `/leads/${lead.id}`,
          group: 'leads' as const,
        })),
        ...(search.data?.accounts ?? []).map((account) => ({
          key: `account-${account.id}`,
          label: account.name ?? account.domain,
          detail: `${account.domain} · ${t('leadCount', { count: account.leads })}`,
          to: `/board?q=${encodeURIComponent(account.domain)}`,
          group: 'accounts' as const,
        })),
      ]
    : []
  const current = Math.min(active, Math.max(hits.length - 1, 0))
  const choose = (hit: Hit | undefined) => {
    if (!hit) return
    onOpened()
    navigate(hit.to)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive(hits.length === 0 ? 0 : (current + 1) % hits.length)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive(hits.length === 0 ? 0 : (current - 1 + hits.length) % hits.length)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      choose(hits[current])
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    }
  }
  const status = !enough
    ? t('hint', { count: MIN_SEARCH_LENGTH })
    : search.isError
      ? t('error')
      : search.isPending
        ? t('searching')
        : hits.length === 0
          ? t('nothing')
          : t('found', { count: hits.length })

  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('title')} onKeyDown={onKeyDown}>
        <div className="palette-field">
          <input
            autoFocus
            type="search"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls="palette-results"
            aria-autocomplete="list"
            aria-activedescendant={hits[current] ? `palette-${hits[current].key}` : undefined}
            aria-label={t('title')}
            placeholder={t('placeholder')}
            value={text}
            maxLength={200}
            onChange={(event) => {
              setText(event.target.value)
              setActive(0)
            }}
          />
          <button type="button" className="palette-close" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        <p className="palette-status muted" role="status" aria-live="polite">
          {status}
        </p>
        <ul id="palette-results" role="listbox" className="palette-results" aria-label={t('results')}>
          {hits.map((hit, index) => (
            <li
              key={hit.key}
              id={`palette-${hit.key}`}
              role="option"
              aria-selected={index === current}
              data-group={hit.group}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(hit)}
            >
              <span className="palette-kind">{t(`group.${hit.group}`)}</span>
              <span className="palette-label">{hit.label}</span>
              <span className="palette-detail muted">{hit.detail}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

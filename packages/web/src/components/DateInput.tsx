// A date field that shows and reads dates as the UI's language writes them. <input type="date"> follows
// the browser's language, not the page's (Chromium ignores `lang`), so a German UI in an English browser
// would show 03/04/2026. Typing goes into a text field; the calendar button opens the browser's own
// date picker on a hidden date input, so no picker is re-built here.
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateEntry, ISO_DATE, parseDateEntry } from './date-entry.ts'

export function DateInput({
  value,
  onChange,
  min,
  id,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  /** YYYY-MM-DD, '' when empty, or the text as typed while it is no date */
  value: string
  onChange: (value: string) => void
  /** YYYY-MM-DD; the picker offers no earlier day */
  min?: string | undefined
  id?: string
  'aria-invalid'?: boolean
  'aria-describedby'?: string
}) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  // What is typed stays as typed until the field is left, then it is written the locale's way.
  const [draft, setDraft] = useState<string | null>(null)
  const picker = useRef<HTMLInputElement>(null)
  const isDate = ISO_DATE.test(value)
  const openPicker = () => {
    try {
      picker.current?.showPicker()
    } catch {
      // No picker in this browser (or not now): the field still takes typed dates.
    }
  }
  return (
    <span className="date-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        lang={locale}
        placeholder={t('date.placeholder')}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        value={draft ?? (isDate ? formatDateEntry(value, locale) : value)}
        onChange={(event) => {
          const text = event.target.value
          setDraft(text)
          onChange(text.trim() === '' ? '' : (parseDateEntry(text, locale) ?? text))
        }}
        onBlur={() => setDraft(null)}
      />
      <button
        type="button"
        className="date-input-open"
        aria-label={t('date.openCalendar')}
        onClick={openPicker}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M4 1v2M12 1v2M1.5 5.5h13M2.5 2.5h11a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1v-10a1 1 0 0 1 1-1z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
          />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        className="date-input-picker"
        tabIndex={-1}
        aria-hidden="true"
        value={isDate ? value : ''}
        min={min}
        onChange={(event) => {
          setDraft(null)
          onChange(event.target.value)
        }}
      />
    </span>
  )
}

// Every namespace in both languages; a test fails when a key exists in one and not the other.
import commonDe from './locales/de/common.json'
import commonEn from './locales/en/common.json'
import inboxDe from './locales/de/inbox.json'
import inboxEn from './locales/en/inbox.json'
import leadDe from './locales/de/lead.json'
import leadEn from './locales/en/lead.json'
import agreementDe from './locales/de/agreement.json'
import agreementEn from './locales/en/agreement.json'
import boardDe from './locales/de/board.json'
import boardEn from './locales/en/board.json'
import settingsDe from './locales/de/settings.json'
import settingsEn from './locales/en/settings.json'
import explainDe from './locales/de/explain.json'
import explainEn from './locales/en/explain.json'
import notificationsDe from './locales/de/notifications.json'
import notificationsEn from './locales/en/notifications.json'
import actionsDe from './locales/de/actions.json'
import actionsEn from './locales/en/actions.json'
import workDe from './locales/de/work.json'
import workEn from './locales/en/work.json'
import searchDe from './locales/de/search.json'
import searchEn from './locales/en/search.json'
import governanceDe from './locales/de/governance.json'
import governanceEn from './locales/en/governance.json'
import agreementFormDe from './locales/de/agreement-form.json'
import agreementFormEn from './locales/en/agreement-form.json'
import backtestDe from './locales/de/backtest.json'
import backtestEn from './locales/en/backtest.json'
import reportsDe from './locales/de/reports.json'
import reportsEn from './locales/en/reports.json'
import homeDe from './locales/de/home.json'
import homeEn from './locales/en/home.json'
import modelDe from './locales/de/model.json'
import modelEn from './locales/en/model.json'

export type Language = 'de' | 'en'

export const CATALOGUES = {
  de: {
    common: commonDe,
    inbox: inboxDe,
    lead: leadDe,
    agreement: agreementDe,
    board: boardDe,
    settings: settingsDe,
    explain: explainDe,
    notifications: notificationsDe,
    actions: actionsDe,
    work: workDe,
    search: searchDe,
    governance: governanceDe,
    agreementForm: agreementFormDe,
    backtest: backtestDe,
    reports: reportsDe,
    home: homeDe,
    model: modelDe,
  },
  en: {
    common: commonEn,
    inbox: inboxEn,
    lead: leadEn,
    agreement: agreementEn,
    board: boardEn,
    settings: settingsEn,
    explain: explainEn,
    notifications: notificationsEn,
    actions: actionsEn,
    work: workEn,
    search: searchEn,
    governance: governanceEn,
    agreementForm: agreementFormEn,
    backtest: backtestEn,
    reports: reportsEn,
    home: homeEn,
    model: modelEn,
  },
} as const

export const NAMESPACES = Object.keys(CATALOGUES.de) as Array<keyof (typeof CATALOGUES)['de']>

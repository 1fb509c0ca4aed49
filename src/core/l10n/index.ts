// tcpflow in the reader's language (English, 简体中文): the locale read from the host's
// setting, and the catalog lookups that shells apply to what they show.

export { LOCALES, parseLocale, type Locale } from './locale';
export { templateId, translateDiagnostic, translateMarkdown, translateText } from './translate';

// Which language tcpflow speaks: English, or Simplified Chinese. Read from whatever the host
// has — VS Code's display language (`zh-cn`), a POSIX locale (`zh_CN.UTF-8`), a BCP 47 tag
// (`zh-Hans-CN`) or `--lang zh`; anything else is English.

export type Locale = 'en' | 'zh-cn';

export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/** `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`, `zh-SG` → zh-cn; Traditional Chinese (`zh-TW`, `zh-Hant`) and the rest → en. */
export function parseLocale(tag: string | undefined): Locale {
  const t = (tag ?? '').trim().toLowerCase().replace(/_/g, '-').split('.')[0].split('@')[0];
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t.startsWith('zh-hans') || t === 'zh-chs') return 'zh-cn';
  return 'en';
}

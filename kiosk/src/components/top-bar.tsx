import { back, elderly, go, hall, history, lang, route, scale, t } from '../store/store.js';

/** On every page: where am I, back, home, language, text size and elderly mode — all large, all labelled. */
export function TopBar() {
  const atHome = route.value.name === 'home';
  return (
    <header class="topbar">
      {!atHome && history.value.length > 0 && (
        <button type="button" onClick={back}>
          ← {t('back')}
        </button>
      )}
      {!atHome && (
        <button type="button" onClick={() => go({ name: 'home' })}>
          {t('home')}
        </button>
      )}
      <h1>{hall.value?.name ?? t('appTitle')}</h1>
      <button type="button" aria-label={`${t('textSmaller')} ${t('textSizeLabel')}`} onClick={() => (scale.value = Math.max(0.85, scale.value - 0.15))}>
        {t('textSmaller')}
      </button>
      <button type="button" aria-label={`${t('textLarger')} ${t('textSizeLabel')}`} onClick={() => (scale.value = Math.min(1.9, scale.value + 0.15))}>
        {t('textLarger')}
      </button>
      <button type="button" aria-pressed={elderly.value} onClick={() => (elderly.value = !elderly.value)}>
        {elderly.value ? t('elderlyOff') : t('elderly')}
      </button>
      <button type="button" lang={lang.value === 'zh' ? 'en' : 'zh'} onClick={() => (lang.value = lang.value === 'zh' ? 'en' : 'zh')}>
        {t('language')}
      </button>
    </header>
  );
}

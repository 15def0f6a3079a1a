import { hrefOf, SIGNAGE_TABS, t, type SignageTab } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';
import { MediaLibraryPage } from './signage-media.js';
import { LayoutsPage } from './signage-layouts.js';
import { CampaignsPage } from './signage-campaigns.js';
import { PlaysPage } from './signage-plays.js';

const TAB_LABEL: Record<SignageTab, MessageKey> = { media: 'tabMedia', layouts: 'tabLayouts', campaigns: 'tabCampaigns', plays: 'tabPlays' };

/** 信息发布: what the screens show besides the queue — media, layouts, campaigns, and what was shown when. */
export function SignagePage({ tab }: { tab: SignageTab }) {
  return (
    <main class="signage">
      <h1>{t('signageTitle')}</h1>
      <nav class="tabs" aria-label={t('signageTitle')}>
        {SIGNAGE_TABS.map((k) => (
          <a key={k} class="tab" href={hrefOf({ name: 'signage', tab: k })} aria-current={k === tab ? 'page' : undefined}>
            {t(TAB_LABEL[k])}
          </a>
        ))}
      </nav>
      {tab === 'media' && <MediaLibraryPage />}
      {tab === 'layouts' && <LayoutsPage />}
      {tab === 'campaigns' && <CampaignsPage />}
      {tab === 'plays' && <PlaysPage />}
    </main>
  );
}

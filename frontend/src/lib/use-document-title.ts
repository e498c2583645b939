import { useEffect } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';

/** "Paris · Weather": the page's own part first, so tabs stay tellable apart. */
export function useDocumentTitle(part?: string | null) {
  const { t } = useI18n();
  const appTitle = t('app.title');
  useEffect(() => {
    document.title = part ? `${part} · ${appTitle}` : appTitle;
  }, [part, appTitle]);
}

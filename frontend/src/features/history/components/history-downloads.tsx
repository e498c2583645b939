import { apiUrl } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n/use-i18n';
import '../history.css';

/** Links to the streamed exports of the history, with the page's filter. */
export function HistoryDownloads({ city }: { city: string }) {
  const { t } = useI18n();
  const query = { city: city || undefined };
  return (
    <nav className="downloads" aria-label={t('history.download')}>
      <a className="button" href={apiUrl('/v1/searches/export.csv', query)} download>
        {t('history.downloadCsv')}
      </a>
      <a className="button" href={apiUrl('/v1/searches/export.jsonl', query)} download>
        {t('history.downloadJson')}
      </a>
    </nav>
  );
}

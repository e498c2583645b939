import { useLocation, useSearch } from 'wouter';
import { SearchHistory } from '@/features/history/components/search-history';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

export default function HistoryRoute() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const rawPage = Number(new URLSearchParams(useSearch()).get('page') ?? '1');
  const page = Number.isInteger(rawPage) && rawPage > 0 ? rawPage : 1;
  useDocumentTitle(t('history.title'));

  return (
    <div className="page">
      <h1>{t('history.title')}</h1>
      <SearchHistory page={page} onPageChange={(next) => navigate(next === 1 ? '/history' : `/history?page=${next}`)} />
    </div>
  );
}

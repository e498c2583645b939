import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/account/session';
import { AlertsPage } from '@/features/alerts/components/alerts-page';
import type { PickedPlace } from '@/features/alerts/components/subscription-form';
import { ThresholdUnitsProvider } from '@/features/alerts/threshold-units';
import { usePreferences } from '@/features/preferences/preferences';
import { locationsQuery } from '@/features/search/api/get-locations';
import { LocationSearch, type SearchRequest } from '@/features/search/components/location-search';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import '@/lib/i18n/messages-alerts-pages';

/** The city search as the alerts' place picker; typed text without a choice takes the best match. */
function PlacePicker({ onPick }: { onPick: (place: PickedPlace) => void }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [unknown, setUnknown] = useState<string | null>(null);

  const pick = async ({ city, locationId }: SearchRequest) => {
    setUnknown(null);
    const { results } = await queryClient.fetchQuery(locationsQuery(city.trim(), lang));
    const place = results.find((location) => location.id === locationId) ?? (locationId ? null : results[0]);
    if (!place && locationId) onPick({ id: locationId, label: city });
    else if (place)
      onPick({ id: place.id, label: [place.name, place.admin1, place.country].filter(Boolean).join(', ') });
    else setUnknown(city);
  };

  return (
    <>
      <LocationSearch value="" onSearch={(request) => void pick(request).catch(() => setUnknown(request.city))} />
      {unknown && (
        <p className="alert-form__error" role="alert">
          {t('alerts.form.placeUnknown', { city: unknown })}
        </p>
      )}
    </>
  );
}

function SignInInvitation() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('alerts.title')}</h1>
      <p>{t('alerts.intro')}</p>
      <p className="notice notice--info">{t('alerts.signedOut')}</p>
      <p className="notice__actions">
        <Link href="/account/signin" className="button button--primary">
          {t('alerts.signIn')}
        </Link>
        <Link href="/account/signup" className="button">
          {t('alerts.signUp')}
        </Link>
      </p>
    </div>
  );
}

export default function AlertsRoute() {
  const { t } = useI18n();
  const { user, isPending } = useSession({ always: true });
  const { preferences } = usePreferences();
  useDocumentTitle(t('alerts.title'));
  if (isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton width="14rem" height="2rem" />
      </LoadingRegion>
    );
  }
  if (!user) return <SignInInvitation />;
  const units = {
    temperature: preferences.temperatureUnit,
    wind: preferences.windUnit,
    precipitation: preferences.precipitationUnit,
  };
  return (
    <ThresholdUnitsProvider units={units}>
      <AlertsPage placePicker={(onPick) => <PlacePicker onPick={onPick} />} />
    </ThresholdUnitsProvider>
  );
}

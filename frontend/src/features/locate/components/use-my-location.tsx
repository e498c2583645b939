import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '@/lib/api-client';
import { cityHref } from '@/lib/city-url';
import type { MessageKey } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import { getNearest } from '../api/get-nearest';
import { currentPosition, LocateError } from '../locate';
import '../locate.css';

/** One sentence for each way locating can fail: never a blank. */
function failureMessage(error: unknown): MessageKey {
  if (error instanceof LocateError) return `locate.${error.reason}`;
  if (error instanceof ApiError && error.status === 404) return 'locate.noPlace';
  return 'locate.failed';
}

/** "Use my location": the browser's position → the nearest known place → its weather, like a search. */
export function UseMyLocation() {
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const messageId = useId();
  const { mutate, isPending, error } = useMutation({
    mutationFn: async () => {
      const coords = await currentPosition();
      return getNearest(coords.latitude, coords.longitude, lang);
    },
    onSuccess: ({ place }) => navigate(cityHref({ name: place.name, locationId: place.id })),
  });

  return (
    <div className="locate">
      <button
        type="button"
        className="button locate__button"
        // Not `disabled` while locating: that would drop the keyboard focus.
        onClick={() => {
          if (!isPending) mutate();
        }}
        aria-describedby={messageId}
      >
        <span aria-hidden="true">⌖ </span>
        {t('locate.button')}
      </button>
      <p id={messageId} className="locate__message" role="status" data-testid="locate-status">
        {isPending ? t('locate.locating') : error ? t(failureMessage(error)) : ''}
      </p>
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useI18n } from '@/lib/i18n/use-i18n';
import { isEnded, useCancelRefresh, useRefreshStatus, useStartRefresh } from '../api/refresh-favourites';
import { useFavourites } from '../favourites';
import '../favourites.css';

/** "Refresh all favourites": one bulk refresh, with a live progress bar. */
export function RefreshFavourites() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { favourites } = useFavourites();
  const ids = favourites.flatMap((city) => (city.locationId === null ? [] : [city.locationId]));
  const [taskId, setTaskId] = useState<string | null>(null);
  const start = useStartRefresh();
  const cancel = useCancelRefresh();
  const { data: status, error } = useRefreshStatus(taskId);
  const ended = isEnded(status);
  const running = taskId !== null && !ended;

  useEffect(() => {
    // Fresh forecasts are on the server now: the next look at a city fetches them.
    if (ended) void queryClient.invalidateQueries({ queryKey: ['weather'] });
  }, [ended, queryClient]);

  if (ids.length === 0) return null;
  const progress = status?.progress;
  const handled = progress ? progress.done + progress.failed.length : 0;

  return (
    <div className="refresh" data-testid="refresh-favourites">
      <button
        type="button"
        className="button"
        disabled={running || start.isPending}
        onClick={() =>
          start.mutate(ids, {
            onSuccess: (queued) => {
              cancel.reset();
              setTaskId(queued.task_id);
            },
          })
        }
      >
        {t('favourites.refreshAll')}
      </button>
      {running && (
        <button
          type="button"
          className="button"
          disabled={cancel.isPending}
          onClick={() => taskId && cancel.mutate(taskId)}
        >
          {t('favourites.cancelRefresh')}
        </button>
      )}
      {taskId !== null && (
        <div className="refresh__progress">
          <progress aria-labelledby="refresh-progress-label" value={handled} max={progress?.total || ids.length} />
          <span id="refresh-progress-label" aria-live="polite">
            {status?.state === 'CANCELLED'
              ? t('favourites.refreshCancelled', { done: progress?.done ?? 0, total: progress?.total ?? ids.length })
              : ended
                ? t('favourites.refreshDone', { done: progress?.done ?? 0, total: progress?.total ?? ids.length })
                : t('favourites.refreshing', { done: handled, total: progress?.total ?? ids.length })}
          </span>
          {progress && progress.failed.length > 0 && (
            <ul className="refresh__failed">
              {progress.failed.map((place) => (
                <li key={place.location_id}>
                  {t('favourites.refreshFailed', {
                    city: place.name || String(place.location_id),
                    reason: place.reason,
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {(start.error ?? error) && <ErrorNotice error={start.error ?? error} />}
    </div>
  );
}

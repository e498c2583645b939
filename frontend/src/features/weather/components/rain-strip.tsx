import { Card } from '@/components/ui/card';
import { ChartTable } from '@/components/ui/chart-table';
import { formatLocalTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFormatters, type UnitLabels } from '@/lib/use-formatters';
import type { Nowcast } from '@/types/more-weather';
import '../weather.css';

/** Below this a bar is scaled to it, so a drizzle does not fill the strip (a 15-minute amount). */
const FULL_BAR = { mm: 2, in: 0.08 } as const;

function useRainSentence(nowcast: Nowcast): string {
  const { t, locale } = useI18n();
  const { kind, at, intensity } = nowcast.summary;
  const time = formatLocalTime(at, locale);
  const strength = t(intensity ? `rain.intensity.${intensity}` : 'rain.intensity.unknown');
  if (kind === 'starting') return t('rain.starting', { time, intensity: strength });
  if (kind === 'ongoing') return t('rain.ongoing', { intensity: strength });
  if (kind === 'stopping') return t('rain.stopping', { time, intensity: strength });
  return t('rain.none');
}

/** The next two hours in eight 15-minute bars, a sentence, and the same as a table. */
export function RainStrip({ nowcast, units }: { nowcast: Nowcast; units: UnitLabels }) {
  const { t, locale } = useI18n();
  const format = useFormatters(units);
  const sentence = useRainSentence(nowcast);
  const steps = nowcast.steps.slice(0, 8);
  const floor = units.precipitation === 'in' ? FULL_BAR.in : FULL_BAR.mm;
  const top = Math.max(floor, ...steps.map((step) => step.precipitation ?? 0));
  const title = t('rain.title');

  return (
    <Card title={title} className="rain">
      <p className="rain__sentence" data-testid="rain-sentence">
        {sentence}
      </p>
      {nowcast.source === 'interpolated' && (
        <p className="muted rain__source" data-testid="rain-estimated">
          {t('rain.interpolated')}
        </p>
      )}
      <div className="rain__bars" aria-hidden="true" data-testid="rain-bars">
        {steps.map((step) => (
          <span key={step.time} className="rain__slot">
            <span
              className={step.precipitation === null ? 'rain__bar rain__bar--missing' : 'rain__bar'}
              style={{ height: `${Math.max(4, ((step.precipitation ?? 0) / top) * 100)}%` }}
            />
          </span>
        ))}
      </div>
      {steps.length > 0 && (
        <div className="rain__axis" aria-hidden="true">
          <span>{formatLocalTime(steps[0]!.time, locale)}</span>
          <span>{formatLocalTime(steps[steps.length - 1]!.time, locale)}</span>
        </div>
      )}
      <ChartTable
        label={title}
        columns={[t('rain.time'), t('rain.amount')]}
        rows={steps.map((step) => ({
          key: step.time,
          header: formatLocalTime(step.time, locale),
          cells: [step.precipitation === null ? t('more.notAvailable') : format.precipitation(step.precipitation)],
        }))}
      />
    </Card>
  );
}

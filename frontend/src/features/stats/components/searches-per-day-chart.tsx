import { Card } from '@/components/ui/card';
import { ChartTable } from '@/components/ui/chart-table';
import { ChartFrame } from '@/components/ui/chart-frame';
import { formatDayLabel } from '@/lib/format';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { Stats } from '@/types/api';
import { fillMissingDays } from '../utils/fill-missing-days';
import '../stats.css';

const WIDTH = 720;
const HEIGHT = 200;
const MARGIN = { top: 16, right: 12, bottom: 28, left: 36 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

export function SearchesPerDayChart({ days: rawDays, period }: { days: Stats['searches_per_day']; period: number }) {
  const { t, locale } = useI18n();
  const days = fillMissingDays(rawDays, period);
  const max = Math.max(1, ...days.map((day) => day.searches));
  const total = days.reduce((sum, day) => sum + day.searches, 0);
  const slot = PLOT_W / Math.max(days.length, 1);
  const labelEvery = Math.ceil(days.length / 8);
  const y = (count: number) => MARGIN.top + PLOT_H - (count / max) * PLOT_H;

  return (
    <Card title={t('stats.perDay')} titleId="per-day-title">
      <ChartFrame
        labelledBy="per-day-title"
        width={WIDTH}
        height={HEIGHT}
        title={t('stats.perDay')}
        description={t('stats.perDaySummary', { total, days: period, max })}
        testId="per-day-chart"
        startAtEnd
      >
        {[0, max].map((tick) => (
          <g key={tick} className="chart__grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {days.map((day, index) => (
          <g key={day.date}>
            {day.searches > 0 && (
              <rect
                className="chart__bar chart__bar--solid"
                data-date={day.date}
                x={MARGIN.left + index * slot + slot * 0.15}
                width={slot * 0.7}
                y={y(day.searches)}
                height={MARGIN.top + PLOT_H - y(day.searches)}
              />
            )}
            {index % labelEvery === 0 && (
              <text className="chart__tick" x={MARGIN.left + (index + 0.5) * slot} y={HEIGHT - 8} textAnchor="middle">
                {formatDayLabel(day.date, locale)}
              </text>
            )}
          </g>
        ))}
      </ChartFrame>
      <ChartTable
        label={t('stats.perDay')}
        columns={[t('stats.date'), t('stats.searchCount')]}
        rows={days.map((day) => ({ key: day.date, header: formatDayLabel(day.date, locale), cells: [day.searches] }))}
      />
    </Card>
  );
}

// Next 48 h as a hand-drawn SVG: temperature line over precipitation-probability bars.
import { Card } from '@/components/ui/card';
import { ChartTable } from '@/components/ui/chart-table';
import { ChartFrame } from '@/components/ui/chart-frame';
import { formatDayLabel, formatLocalTime, parseWallClock } from '@/lib/format';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFormatters } from '@/lib/use-formatters';
import type { HourlyPoint, Units } from '@/types/api';
import { linePath, temperatureDomain } from '../utils/chart';
import '../weather.css';

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 20, right: 44, bottom: 40, left: 44 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

export function HourlyChart({ hours, units }: { hours: HourlyPoint[]; units: Units }) {
  const { t, locale } = useI18n();
  const format = useFormatters(units);

  const temps = hours.map((hour) => hour.temperature);
  const known = temps.filter((value): value is number => value !== null);
  const [low, high] = temperatureDomain(known);
  const slot = PLOT_W / Math.max(hours.length, 1);
  const x = (index: number) => MARGIN.left + (index + 0.5) * slot;
  const yTemp = (value: number) => MARGIN.top + PLOT_H - ((value - low) / (high - low)) * PLOT_H;
  const yPop = (percent: number) => MARGIN.top + PLOT_H - (percent / 100) * PLOT_H;
  const tempTicks = Array.from({ length: (high - low) / 5 + 1 }, (_, i) => low + i * 5).filter(
    (_, i, all) => all.length <= 6 || i % 2 === 0,
  );
  const maxPop = Math.max(0, ...hours.map((hour) => hour.precipitation_probability ?? 0));
  const minTemp = Math.min(...known);
  const maxTemp = Math.max(...known);

  return (
    <Card title={t('weather.hourlyTitle')} titleId="hourly-title">
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="legend__swatch legend__swatch--line" /> {t('weather.temperature')} ({units.temperature})
        </li>
        <li>
          <span className="legend__swatch legend__swatch--bar" /> {t('weather.precipProbability')} (%)
        </li>
      </ul>
      <ChartFrame
        labelledBy="hourly-title"
        width={WIDTH}
        height={HEIGHT}
        title={t('weather.hourlyTitle')}
        description={t('weather.hourlySummary', {
          min: format.temperature(Number.isFinite(minTemp) ? minTemp : null),
          max: format.temperature(Number.isFinite(maxTemp) ? maxTemp : null),
          pop: format.percent(maxPop),
        })}
        testId="hourly-chart"
      >
        {tempTicks.map((tick) => (
          <g key={tick} className="chart__grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yTemp(tick)} y2={yTemp(tick)} />
            <text x={MARGIN.left - 6} y={yTemp(tick)} dy="0.32em" textAnchor="end">
              {`${tick}°`}
            </text>
          </g>
        ))}
        {[0, 50, 100].map((percent) => (
          <text key={percent} className="chart__axis-label" x={WIDTH - MARGIN.right + 6} y={yPop(percent)} dy="0.32em">
            {`${percent}%`}
          </text>
        ))}
        {hours.map((hour, index) => {
          const pop = hour.precipitation_probability ?? 0;
          return pop > 0 ? (
            <rect
              key={hour.time}
              className="chart__bar"
              x={x(index) - slot * 0.35}
              width={slot * 0.7}
              y={yPop(pop)}
              height={MARGIN.top + PLOT_H - yPop(pop)}
            />
          ) : null;
        })}
        <path
          className="chart__line"
          d={linePath(temps.map((value, index) => (value === null ? null : ([x(index), yTemp(value)] as const))))}
        />
        {hours.map((hour, index) => {
          const clock = parseWallClock(hour.time);
          if (!clock || clock.hour % 6 !== 0) return null;
          return (
            <g key={hour.time} className="chart__tick">
              <line x1={x(index)} x2={x(index)} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H + 4} />
              <text x={x(index)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
                {formatLocalTime(hour.time, locale)}
              </text>
              {clock.hour === 0 && (
                <text className="chart__day" x={x(index)} y={HEIGHT - 6} textAnchor="middle">
                  {formatDayLabel(hour.time, locale)}
                </text>
              )}
            </g>
          );
        })}
      </ChartFrame>
      <ChartTable
        label={t('weather.hourlyTitle')}
        columns={[t('weather.time'), t('weather.temperature'), t('weather.precipProbability')]}
        rows={() =>
          hours.map((hour) => ({
            key: hour.time,
            header: `${formatDayLabel(hour.time, locale)} ${formatLocalTime(hour.time, locale)}`,
            cells: [format.temperature(hour.temperature), format.percent(hour.precipitation_probability)],
          }))
        }
      />
    </Card>
  );
}

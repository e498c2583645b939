// Small hand-drawn SVG weather icons; cheaper than an icon font and independent of emoji fonts.
import type { ReactElement } from 'react';
import type { WeatherIconName } from '../utils/weather-icon-name';
import '../weather.css';

const Sun = ({ cx = 32, cy = 32, r = 11 }: { cx?: number; cy?: number; r?: number }) => (
  <g className="wi-sun">
    <circle cx={cx} cy={cy} r={r} />
    {Array.from({ length: 8 }, (_, i) => {
      const angle = (i * Math.PI) / 4;
      const [inner, outer] = [r + 4, r + 9];
      return (
        <line
          key={i}
          x1={cx + inner * Math.cos(angle)}
          y1={cy + inner * Math.sin(angle)}
          x2={cx + outer * Math.cos(angle)}
          y2={cy + outer * Math.sin(angle)}
        />
      );
    })}
  </g>
);

const Moon = ({ dx = 0, dy = 0 }: { dx?: number; dy?: number }) => (
  <path className="wi-moon" transform={`translate(${dx} ${dy})`} d="M38 14a18 18 0 1 0 14 28A15 15 0 0 1 38 14z" />
);

const Cloud = ({ dy = 0 }: { dy?: number }) => (
  <path
    className="wi-cloud"
    transform={`translate(0 ${dy})`}
    d="M18 48h30a10 10 0 0 0 0-20 13 13 0 0 0-25 3 8.5 8.5 0 0 0-5 17z"
  />
);

const Drops = ({ slant = 3 }: { slant?: number }) => (
  <g className="wi-rain">
    {[22, 32, 42].map((x) => (
      <line key={x} x1={x} y1={52} x2={x - slant} y2={60} />
    ))}
  </g>
);

const Flakes = () => (
  <g className="wi-snow">
    {[22, 32, 42].map((x, i) => (
      <circle key={x} cx={x} cy={i % 2 ? 58 : 54} r={2.4} />
    ))}
  </g>
);

const FogLines = () => (
  <g className="wi-fog">
    <line x1={14} y1={52} x2={50} y2={52} />
    <line x1={18} y1={58} x2={54} y2={58} />
  </g>
);

const Bolt = () => <path className="wi-bolt" d="M34 44l-8 10h7l-3 9 10-12h-7l4-7z" />;

const ICONS: Record<WeatherIconName, () => ReactElement> = {
  'clear-day': () => <Sun />,
  'clear-night': () => <Moon />,
  'partly-cloudy-day': () => (
    <>
      <Sun cx={24} cy={22} r={9} />
      <Cloud dy={4} />
    </>
  ),
  'partly-cloudy-night': () => (
    <>
      <Moon dx={-8} dy={-6} />
      <Cloud dy={4} />
    </>
  ),
  cloudy: () => <Cloud dy={2} />,
  fog: () => (
    <>
      <Cloud dy={-6} />
      <FogLines />
    </>
  ),
  drizzle: () => (
    <>
      <Cloud dy={-6} />
      <Drops slant={1} />
    </>
  ),
  rain: () => (
    <>
      <Cloud dy={-6} />
      <Drops />
    </>
  ),
  'freezing-rain': () => (
    <>
      <Cloud dy={-6} />
      <Drops />
      <Flakes />
    </>
  ),
  snow: () => (
    <>
      <Cloud dy={-6} />
      <Flakes />
    </>
  ),
  'showers-day': () => (
    <>
      <Sun cx={22} cy={16} r={7} />
      <Cloud dy={-4} />
      <Drops />
    </>
  ),
  'showers-night': () => (
    <>
      <Moon dx={-10} dy={-10} />
      <Cloud dy={-4} />
      <Drops />
    </>
  ),
  thunderstorm: () => (
    <>
      <Cloud dy={-8} />
      <Bolt />
    </>
  ),
  unknown: () => <Cloud />,
};

type WeatherIconProps = { name: WeatherIconName; size?: number; label?: string; className?: string };

/** Decorative unless `label` is given (then it is an image with that accessible name). */
export function WeatherIcon({ name, size = 48, label, className }: WeatherIconProps) {
  const Icon = ICONS[name];
  return (
    <svg
      className={['weather-icon', className].filter(Boolean).join(' ')}
      width={size}
      height={size}
      viewBox="0 0 64 64"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true, focusable: false })}
    >
      <Icon />
    </svg>
  );
}

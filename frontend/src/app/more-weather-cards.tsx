// Issue 20's cards under a report: rain in the next two hours, UV and air quality. Their own
// chunk (see more-weather.tsx), loaded after the report's first paint.
import { AirQualityCard } from '@/features/air-quality/components/air-quality-card';
import { RainStrip } from '@/features/weather/components/rain-strip';
import { UvCard } from '@/features/weather/components/uv-card';
import type { WeatherBody } from '@/types/more-weather';

export default function MoreWeatherCards({ search }: { search: WeatherBody }) {
  const today = search.current.time?.slice(0, 10) ?? null;
  return (
    <div className="report__grid report__more" data-testid="more-weather">
      <RainStrip nowcast={search.nowcast} units={search.units} />
      <UvCard current={search.current} daily={search.daily} today={today} />
      <AirQualityCard place={search.location} />
    </div>
  );
}

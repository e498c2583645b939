import { useId, type ReactNode } from 'react';
import { ScrollRegion } from './scroll-region';
import './chart-frame.css';

type ChartFrameProps = {
  /** The id of the heading that names the scroll region (the card's title). */
  labelledBy: string;
  width: number;
  height: number;
  /** Read out as the chart's name, then the description as its summary. */
  title: string;
  description: string;
  testId: string;
  /** Opens scrolled to the far end, for time series whose latest values matter most. */
  startAtEnd?: boolean;
  children: ReactNode;
};

/** A hand-drawn SVG chart in a scroll region, named and summed up for assistive technology. */
export function ChartFrame({
  labelledBy,
  width,
  height,
  title,
  description,
  testId,
  startAtEnd,
  children,
}: ChartFrameProps) {
  const titleId = useId();
  const descId = useId();
  return (
    <ScrollRegion className="chart-scroll" labelledBy={labelledBy} startAtEnd={startAtEnd}>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-testid={testId}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {children}
      </svg>
    </ScrollRegion>
  );
}

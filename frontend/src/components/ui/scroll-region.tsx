import { useLayoutEffect, useRef, type ReactNode } from 'react';
import './scroll-region.css';

type ScrollRegionProps = {
  className: string;
  children: ReactNode;
  /** Opens scrolled to the far end, for time series whose latest values matter most. */
  startAtEnd?: boolean;
} & ({ label: string; labelledBy?: never } | { labelledBy: string; label?: never });

/** A scrolling box that keyboard users can focus and scroll with the arrow keys. */
export function ScrollRegion({ className, label, labelledBy, startAtEnd = false, children }: ScrollRegionProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Before paint, so a narrow screen never shows the oldest days first and then jumps.
    if (startAtEnd && ref.current) ref.current.scrollLeft = ref.current.scrollWidth;
  }, [startAtEnd, children]);
  return (
    <div ref={ref} className={className} tabIndex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}

import type { ReactNode } from 'react';

type ScrollRegionProps = {
  className: string;
  children: ReactNode;
} & ({ label: string; labelledBy?: never } | { labelledBy: string; label?: never });

/** A scrolling box that keyboard users can focus and scroll with the arrow keys. */
export function ScrollRegion({ className, label, labelledBy, children }: ScrollRegionProps) {
  return (
    <div className={className} tabIndex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}

import type { CSSProperties, ReactNode } from 'react';
import './skeleton.css';

type SkeletonProps = { width?: CSSProperties['width']; height?: CSSProperties['height']; className?: string };

/** A grey placeholder block; the busy region around it carries the accessible state. */
export const Skeleton = ({ width = '100%', height = '1rem', className }: SkeletonProps) => (
  <span className={['skeleton', className].filter(Boolean).join(' ')} style={{ width, height }} aria-hidden="true" />
);

/** Wraps skeletons in a busy status region so screen readers hear "Loading…". */
export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite" className="loading-region">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

import { startTransition, useEffect, useState } from 'react';

/** Runs `callback` in a task of its own once the next frame has been painted; returns a cancel. */
export function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * How many of a page's `steps` parts to draw: 0 at first, then one more after each paint.
 * A slow phone renders, lays out and paints each part in a short task of its own instead of
 * the whole page in one long task; each step is a transition, which React slices further.
 * Once every part is shown they stay shown: later renders (polls, language) draw them all.
 * A hidden tab paints no frame, so its parts wait until it is shown.
 */
export function useStagedReveal(steps: number): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown >= steps) return;
    return afterNextPaint(() => startTransition(() => setShown((count) => count + 1)));
  }, [shown, steps]);
  return Math.min(shown, steps);
}

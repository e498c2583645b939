import { act, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, useStagedReveal } from './use-staged-reveal';

/** Lets a frame go by (20 ms: past the next 16 ms frame): its animation frame callbacks, then the tasks they queue. */
async function paintOnce() {
  await act(() => vi.advanceTimersByTimeAsync(20));
}

describe('useStagedReveal', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows one more part after each painted frame, up to the number of parts', async () => {
    const { result } = renderHook(() => useStagedReveal(3));
    expect(result.current).toBe(0);
    await paintOnce();
    expect(result.current).toBe(1);
    await paintOnce();
    expect(result.current).toBe(2);
    await paintOnce();
    expect(result.current).toBe(3);
    await paintOnce();
    expect(result.current).toBe(3);
  });

  it('waits for a frame: a task alone shows nothing more', async () => {
    const { result } = renderHook(() => useStagedReveal(2));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current).toBe(0);
    await paintOnce();
    expect(result.current).toBe(1);
  });

  it('keeps every part once shown, whatever renders follow', async () => {
    const { result, rerender } = renderHook(() => useStagedReveal(1));
    await paintOnce();
    rerender();
    expect(result.current).toBe(1);
  });

  it('draws the parts of a page in order', async () => {
    function Page() {
      const shown = useStagedReveal(2);
      return (
        <>
          <p>top</p>
          {shown >= 1 && <p>middle</p>}
          {shown >= 2 && <p>bottom</p>}
        </>
      );
    }
    render(<Page />);
    expect(screen.queryByText('middle')).toBeNull();
    await paintOnce();
    expect(screen.getByText('middle')).toBeInTheDocument();
    expect(screen.queryByText('bottom')).toBeNull();
    await paintOnce();
    expect(screen.getByText('bottom')).toBeInTheDocument();
  });

  it('runs after the next frame unless cancelled', async () => {
    const callback = vi.fn();
    const cancel = afterNextPaint(callback);
    cancel();
    vi.advanceTimersByTime(100);
    expect(callback).not.toHaveBeenCalled();
    afterNextPaint(callback);
    vi.advanceTimersByTime(16);
    expect(callback).toHaveBeenCalledOnce();
  });
});

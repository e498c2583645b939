import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';

let shouldThrow = true;
function Fragile() {
  if (shouldThrow) throw new Error('render failed');
  return <p>Recovered</p>;
}

describe('ErrorBoundary', () => {
  it('shows the fallback instead of a blank page, and can retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    shouldThrow = true;
    render(
      <ErrorBoundary fallback={(reset) => <button onClick={reset}>Something went wrong, retry</button>}>
        <Fragile />
      </ErrorBoundary>,
    );
    const retry = screen.getByRole('button', { name: 'Something went wrong, retry' });
    shouldThrow = false;
    await userEvent.click(retry);
    expect(screen.getByText('Recovered')).toBeInTheDocument();
  });
});

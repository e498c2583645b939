import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API } from '@/testing/handlers';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';
import { LocationSearch } from './location-search';

function setup(value = '') {
  const onSearch = vi.fn();
  const user = userEvent.setup();
  renderWithProviders(<LocationSearch value={value} onSearch={onSearch} />);
  return { onSearch, user, input: screen.getByRole('combobox', { name: 'Search for a city' }) };
}

describe('LocationSearch', () => {
  it('suggests homonyms with region, country and flag', async () => {
    const { user, input } = setup();
    await user.type(input, 'Par');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveTextContent('ParisÎle-de-France, France');
    expect(options[1]).toHaveTextContent('ParisTexas, United States');
    expect(options.map((option) => option.querySelector('img')?.getAttribute('src'))).toEqual([
      expect.stringMatching(/\/FR\.svg/),
      expect.stringMatching(/\/US\.svg/),
    ]);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('2 suggestions');
  });

  it('waits for typing to pause and skips one-letter queries', async () => {
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/locations/')) requests.push(new URL(request.url).searchParams.get('q') ?? '');
    });
    const { user, input } = setup();
    await user.type(input, 'P');
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(requests).toEqual([]);
    await user.type(input, 'ari');
    await screen.findAllByRole('option');
    // One request for the settled text, none for the intermediate keystrokes.
    expect(requests).toEqual(['Pari']);
    server.events.removeAllListeners();
  });

  it('chooses a candidate with the arrow keys and Enter', async () => {
    const { user, input, onSearch } = setup();
    await user.type(input, 'Paris');
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const texas = screen.getAllByRole('option')[1];
    expect(texas).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', texas?.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(onSearch).toHaveBeenCalledWith({ city: 'Paris', locationId: 4717560 });
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('chooses a candidate with the mouse', async () => {
    const { user, input, onSearch } = setup();
    await user.type(input, 'Paris');
    await user.click((await screen.findAllByRole('option'))[0]!);
    expect(onSearch).toHaveBeenCalledWith({ city: 'Paris', locationId: 2988507 });
  });

  it('closes the list with Escape, then clears the text', async () => {
    const { user, input } = setup();
    await user.type(input, 'Paris');
    await screen.findAllByRole('option');
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    expect(input).toHaveValue('Paris');
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
  });

  it('searches the free text on Enter when no candidate is active', async () => {
    const { user, input, onSearch } = setup();
    await user.type(input, 'Paris, Texas{Enter}');
    expect(onSearch).toHaveBeenCalledWith({ city: 'Paris, Texas', locationId: null });
  });

  it('says when nothing matches', async () => {
    server.use(http.get(`${API}/locations/`, () => HttpResponse.json({ results: [] })));
    const { user, input } = setup();
    await user.type(input, 'Atlantis');
    expect(await screen.findByText('No matching city', { selector: '.combobox__empty' })).toBeVisible();
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('follows the city from the URL', async () => {
    const onSearch = vi.fn();
    const { rerender } = renderWithProviders(<LocationSearch value="Paris" onSearch={onSearch} />);
    expect(screen.getByRole('combobox')).toHaveValue('Paris');
    rerender(<LocationSearch value="Berlin" onSearch={onSearch} />);
    await waitFor(() => expect(screen.getByRole('combobox')).toHaveValue('Berlin'));
  });
});

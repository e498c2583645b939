// The behaviour of the city search, an ARIA 1.2 combobox with list autocomplete: the typed
// text, debounced suggestions from /locations/, the active option and the keys that move it.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import type { Location } from '@/types/api';
import { MIN_QUERY_LENGTH, useLocations } from '../api/get-locations';

export const SUGGESTION_DEBOUNCE_MS = 300;

const NO_CANDIDATES: Location[] = [];

export type SearchRequest = { city: string; locationId: number | null };

type ComboboxOptions = {
  /** The city currently shown (from the URL); the box follows it on Back/Forward. */
  value: string;
  onSearch: (request: SearchRequest) => void;
};

/** Suggestions for the typed text once typing pauses; none while the list is closed. */
function useSuggestions(text: string, open: boolean) {
  const { lang } = useI18n();
  const query = useDebouncedValue(text.trim(), SUGGESTION_DEBOUNCE_MS);
  const typedEnough = text.trim().length >= MIN_QUERY_LENGTH && query.length >= MIN_QUERY_LENGTH;
  const { data, isFetching } = useLocations(query, lang, open && typedEnough);
  const candidates = open && typedEnough ? (data?.results ?? NO_CANDIDATES) : NO_CANDIDATES;
  const showNoMatch = open && typedEnough && !isFetching && data !== undefined && candidates.length === 0;
  return { candidates, showNoMatch };
}

/** The option the arrow keys point at (wrapping round); none again when the suggestions change. */
function useActiveOption(candidates: Location[]) {
  const [activeIndex, setActiveIndex] = useState(-1);
  const [candidatesFor, setCandidatesFor] = useState(candidates);
  if (candidates !== candidatesFor) {
    setCandidatesFor(candidates);
    setActiveIndex(-1);
  }
  const count = candidates.length;
  const move = (step: 1 | -1) => {
    if (count === 0) return;
    setActiveIndex((index) => (step === 1 ? (index + 1) % count : index <= 0 ? count - 1 : index - 1));
  };
  const active = activeIndex >= 0 ? candidates[activeIndex] : undefined;
  return { activeIndex, active, move, reset: () => setActiveIndex(-1) };
}

export function useLocationCombobox({ value, onSearch }: ComboboxOptions) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const optionId = (index: number) => `${listId}-${index}`;

  const [text, setText] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    // The URL changed (Back, a favourite, a history link): show that city.
    setShownValue(value);
    setText(value);
  }
  const [open, setOpen] = useState(false);
  const { candidates, showNoMatch } = useSuggestions(text, open);
  const { activeIndex, active, move, reset } = useActiveOption(candidates);
  const expanded = candidates.length > 0;

  function choose(location: Location) {
    setText(location.name);
    setShownValue(location.name);
    setOpen(false);
    onSearch({ city: location.name, locationId: location.id });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const city = text.trim();
    if (!city) return;
    setOpen(false);
    onSearch({ city, locationId: null });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (event.key === 'ArrowDown' && !open) setOpen(true);
      else move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && active) {
      // Without an active option the form submits the free text: the API picks the best match.
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && open && (expanded || showNoMatch)) {
      event.preventDefault();
      setOpen(false);
      reset();
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
    }
  }

  return {
    inputId: `${id}-input`,
    listId,
    optionId,
    text,
    candidates,
    activeIndex,
    activeId: active ? optionId(activeIndex) : undefined,
    expanded,
    showNoMatch,
    type: (next: string) => {
      setText(next);
      setOpen(true);
    },
    choose,
    close: () => setOpen(false),
    submit,
    onKeyDown,
  };
}

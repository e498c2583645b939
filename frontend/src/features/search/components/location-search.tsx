import { CountryFlag } from '@/components/ui/country-flag';
// City search: an ARIA 1.2 combobox with debounced suggestions from /locations/.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import type { Location } from '@/types/api';
import { MIN_QUERY_LENGTH, useLocations } from '../api/get-locations';

export const SUGGESTION_DEBOUNCE_MS = 300;

const NO_CANDIDATES: Location[] = [];

export type SearchRequest = { city: string; locationId: number | null };

type LocationSearchProps = {
  /** The city currently shown (from the URL); the box follows it on Back/Forward. */
  value: string;
  onSearch: (request: SearchRequest) => void;
};

export function LocationSearch({ value, onSearch }: LocationSearchProps) {
  const { t, tp, lang } = useI18n();
  const id = useId();
  const listId = `${id}-suggestions`;

  const [text, setText] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    // The URL changed (Back, a favourite, a history link): show that city.
    setShownValue(value);
    setText(value);
  }
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);

  const query = useDebouncedValue(text.trim(), SUGGESTION_DEBOUNCE_MS);
  const typedEnough = text.trim().length >= MIN_QUERY_LENGTH && query.length >= MIN_QUERY_LENGTH;
  const { data, isFetching } = useLocations(query, lang, open && typedEnough);
  const candidates = open && typedEnough ? (data?.results ?? NO_CANDIDATES) : NO_CANDIDATES;

  const [candidatesFor, setCandidatesFor] = useState(candidates);
  if (candidates !== candidatesFor) {
    setCandidatesFor(candidates);
    setActiveIndex(-1);
  }

  const expanded = candidates.length > 0;
  const showNoMatch = open && typedEnough && !isFetching && data !== undefined && candidates.length === 0;
  const activeId = expanded && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined;

  function choose(location: Location) {
    setText(location.name);
    setShownValue(location.name);
    setOpen(false);
    onSearch({ city: location.name, locationId: location.id });
  }

  function submitFreeText(event: FormEvent) {
    event.preventDefault();
    const city = text.trim();
    if (!city) return;
    setOpen(false);
    onSearch({ city, locationId: null });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else if (expanded) setActiveIndex((index) => (index + 1) % candidates.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (expanded) setActiveIndex((index) => (index <= 0 ? candidates.length - 1 : index - 1));
        break;
      case 'Enter': {
        const chosen = expanded && activeIndex >= 0 ? candidates[activeIndex] : undefined;
        if (chosen) {
          event.preventDefault();
          choose(chosen);
        }
        // Otherwise the form submits the free text and the API picks the best match.
        break;
      }
      case 'Escape':
        if (open && (expanded || showNoMatch)) {
          event.preventDefault();
          setOpen(false);
          setActiveIndex(-1);
        } else if (text) {
          event.preventDefault();
          setText('');
        }
        break;
    }
  }

  return (
    <form role="search" className="search" onSubmit={submitFreeText}>
      <label htmlFor={`${id}-input`} className="search__label">
        {t('search.label')}
      </label>
      <div className="search__row">
        <div className="combobox">
          <input
            id={`${id}-input`}
            className="search__input"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={activeId}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={100}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label={t('search.suggestionsLabel')}
            className="combobox__list"
            hidden={!expanded}
          >
            {candidates.map((location, index) => (
              // Keyboard use goes through the input (aria-activedescendant), so the option needs only a click handler.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <li
                key={location.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                className="combobox__option"
                // Keep focus in the input so the click lands before blur closes the list.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(location)}
              >
                <span className="combobox__flag">
                  <CountryFlag countryCode={location.country_code} />
                </span>
                <span className="combobox__name">{location.name}</span>
                <span className="combobox__region">
                  {[location.admin1, location.country].filter(Boolean).join(', ')}
                </span>
              </li>
            ))}
          </ul>
          {showNoMatch && <p className="combobox__empty">{t('search.noSuggestions')}</p>}
        </div>
        <button type="submit" className="button button--primary">
          {t('search.submit')}
        </button>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {expanded ? tp('search.suggestions', candidates.length) : showNoMatch ? t('search.noSuggestions') : ''}
      </p>
    </form>
  );
}

// City search: renders the combobox that useLocationCombobox drives.
import { CountryFlag } from '@/components/ui/country-flag';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useLocationCombobox, type SearchRequest } from './use-location-combobox';
import '../search.css';

export type { SearchRequest } from './use-location-combobox';

type LocationSearchProps = {
  /** The city currently shown (from the URL); the box follows it on Back/Forward. */
  value: string;
  onSearch: (request: SearchRequest) => void;
};

export function LocationSearch({ value, onSearch }: LocationSearchProps) {
  const { t, tp } = useI18n();
  const combobox = useLocationCombobox({ value, onSearch });
  const { candidates, expanded, showNoMatch } = combobox;

  return (
    <form role="search" className="search" onSubmit={combobox.submit}>
      <label htmlFor={combobox.inputId} className="search__label">
        {t('search.label')}
      </label>
      <div className="search__row">
        <div className="combobox">
          <input
            id={combobox.inputId}
            className="search__input"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={combobox.listId}
            aria-activedescendant={combobox.activeId}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={100}
            placeholder={t('search.placeholder')}
            value={combobox.text}
            onChange={(event) => combobox.type(event.target.value)}
            onKeyDown={combobox.onKeyDown}
            onBlur={combobox.close}
          />
          <ul
            id={combobox.listId}
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
                id={combobox.optionId(index)}
                role="option"
                aria-selected={index === combobox.activeIndex}
                className="combobox__option"
                // Keep focus in the input so the click lands before blur closes the list.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => combobox.choose(location)}
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

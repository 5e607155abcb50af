import { UI, type UiKey } from '../labels.js';
import { T } from './text.js';

/**
 * A radio group switch (arrow keys move within it, as radios do).
 *
 * @example
 * ```tsx
 * <Switch label="mgnaDvsn" name="mgna" value={mgna}
 *   options={[['01', 'mgna01'], ['02', 'mgna02']]} onChange={setMgna} />
 * ```
 */
export function Switch({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: UiKey;
  name: string;
  value: string;
  /** Values with their label key (or a literal label such as a currency code). */
  options: readonly (readonly [string, UiKey | string])[];
  onChange: (v: string) => void;
}) {
  return (
    <fieldset class="switch" data-testid={`switch-${name}`}>
      <legend>
        <T k={label} />
      </legend>
      {options.map(([v, k]) => (
        <label key={v}>
          <input
            type="radio"
            name={name}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          <LabelOrText k={k} />
        </label>
      ))}
    </fieldset>
  );
}

/** A page label when `k` is one of its keys, else `k` as it is (a code such as `USD` or `#`). */
export function LabelOrText({ k }: { k: UiKey | string }) {
  return k in UI ? <T k={k as UiKey} /> : k;
}

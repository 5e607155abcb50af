import type { UiKey } from '../labels.js';
import { LabelOrText } from './switch.js';
import { T } from './text.js';

/** One column head: a page label key (or literal text), numeric heads right-aligned. */
export type HeadCell = UiKey | string | { k: UiKey | string; numeric?: boolean; hidden?: boolean };

/**
 * A table's `<thead>` row of column heads. `numeric` heads take the `num` class; `hidden` heads
 * are read by screen readers only (a column of buttons).
 *
 * @example
 * ```tsx
 * <HeadRow cells={['productClass', { k: 'initial', numeric: true }, { k: 'remove', hidden: true }]} />
 * ```
 */
export function HeadRow({ cells }: { cells: readonly HeadCell[] }) {
  return (
    <thead>
      <tr>
        {cells.map((c, i) => {
          const cell = typeof c === 'string' ? { k: c } : c;
          return (
            <th scope="col" key={i} class={cell.numeric === true ? 'num' : undefined}>
              {cell.hidden === true ? (
                <span class="sr-only">
                  <T k={cell.k as UiKey} />
                </span>
              ) : (
                <LabelOrText k={cell.k} />
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

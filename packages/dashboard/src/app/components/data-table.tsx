import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';

/** One column of a {@link DataTable}. */
export interface Column<R> {
  key: string;
  header: ComponentChildren;
  /** Cell text. */
  cell: (row: R) => ComponentChildren;
  /** Sort key (numbers sort numerically); absent → not sortable. */
  sort?: (row: R) => number | string;
  numeric?: boolean;
  className?: (row: R) => string;
}

const ROW_HEIGHT = 28;
const OVERSCAN = 8;

/**
 * A sortable table that renders only the rows in view (fixed row height), so a 10,000-row book
 * scrolls without building 10,000 rows. Sort by a header button (click or Enter); the body
 * scrolls with the keyboard once focused.
 */
export function DataTable<R>({
  columns,
  rows,
  rowKey,
  caption,
  height = 420,
  testId,
}: {
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  caption: ComponentChildren;
  height?: number;
  testId?: string;
}) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | undefined>(undefined);
  const [top, setTop] = useState(0);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort?.key);
    if (col?.sort === undefined || sort === undefined) return rows;
    const by = col.sort;
    return [...rows].sort((a, b) => {
      const x = by(a);
      const y = by(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
  }, [rows, columns, sort]);
  const visible = Math.ceil(height / ROW_HEIGHT) + OVERSCAN * 2;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sorted.length, first + visible);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: 1 }));
  return (
    <div
      class="table-scroll"
      style={{ maxHeight: `${height}px` }}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so the keyboard can scroll it
      tabIndex={0}
      onScroll={(e) => setTop((e.currentTarget as HTMLElement).scrollTop)}
      data-testid={testId}
      data-rows={sorted.length}
    >
      <table class="data">
        <caption>
          {caption} <span class="muted">({sorted.length.toLocaleString('en-US')})</span>
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={c.numeric ? 'num' : ''}
                aria-sort={
                  sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined
                }
              >
                {c.sort === undefined ? (
                  c.header
                ) : (
                  <button
                    type="button"
                    class="sort"
                    onClick={() => toggle(c.key)}
                    data-sort={c.key}
                  >
                    {c.header}
                    <span aria-hidden="true">
                      {sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr class="spacer" style={{ height: `${first * ROW_HEIGHT}px` }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {sorted.slice(first, last).map((r) => (
            <tr key={rowKey(r)} data-key={rowKey(r)} style={{ height: `${ROW_HEIGHT}px` }}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  data-field={c.key}
                  class={`${c.numeric ? 'num' : ''} ${c.className?.(r) ?? ''}`.trim()}
                >
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
          {last < sorted.length && (
            <tr class="spacer" style={{ height: `${(sorted.length - last) * ROW_HEIGHT}px` }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

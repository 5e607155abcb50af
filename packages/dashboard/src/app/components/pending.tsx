import { T } from './text.js';

/**
 * What a view shows before its data is there: the error when loading failed, else "loading".
 *
 * @example
 * ```tsx
 * if (!data) return <Pending error={error} />;
 * ```
 */
export function Pending({ error }: { error?: string | undefined }) {
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  return (
    <p>
      <T k="loading" />
    </p>
  );
}

import { HeadRow } from '../components/head-row.js';
import { Pending } from '../components/pending.js';
import { T } from '../components/text.js';
import { routeHash } from '../route.js';
import type { Overview } from '../types.js';

/** Every ledger account, domestic and overseas, with the environments that may read it. */
export function AccountsView({ overview }: { overview: Overview | undefined }) {
  if (overview === undefined) return <Pending />;
  return (
    <section aria-labelledby="accounts-h">
      <h1 id="accounts-h">
        <T k="accounts" />
      </h1>
      <table class="data accounts" data-testid="accounts">
        <HeadRow
          cells={['account', 'name', 'kind', 'env', { k: 'version', numeric: true }, 'whatIf']}
        />
        <tbody>
          {overview.accounts.map((a) => (
            <tr key={a.id} data-key={a.id}>
              <td data-field="id">
                <a href={routeHash({ view: a.kind, id: a.id })}>{a.id}</a>
              </td>
              <td data-field="name">{a.name}</td>
              <td data-field="kind">
                <T k={a.kind} />
              </td>
              <td data-field="envs">
                {a.envs.map((e, i) => (
                  <span key={e}>
                    {i > 0 && ', '}
                    <T k={e} />
                  </span>
                ))}
              </td>
              <td data-field="version" class="num">
                {a.version}
              </td>
              <td>
                <a href={routeHash({ view: 'what-if', id: a.id })}>
                  <T k="whatIf" />
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

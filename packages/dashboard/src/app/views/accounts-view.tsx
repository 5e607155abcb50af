import { T } from '../components/text.js';
import { routeHash } from '../route.js';
import type { Overview } from '../types.js';

/** Every ledger account, domestic and overseas, with the environments that may read it. */
export function AccountsView({ overview }: { overview: Overview | undefined }) {
  if (overview === undefined)
    return (
      <p>
        <T k="loading" />
      </p>
    );
  return (
    <section aria-labelledby="accounts-h">
      <h1 id="accounts-h">
        <T k="accounts" />
      </h1>
      <table class="data accounts" data-testid="accounts">
        <thead>
          <tr>
            <th scope="col">
              <T k="account" />
            </th>
            <th scope="col">
              <T k="name" />
            </th>
            <th scope="col">
              <T k="kind" />
            </th>
            <th scope="col">
              <T k="env" />
            </th>
            <th scope="col" class="num">
              <T k="version" />
            </th>
            <th scope="col">
              <T k="whatIf" />
            </th>
          </tr>
        </thead>
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

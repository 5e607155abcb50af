import { useEffect, useMemo, useState } from 'preact/hooks';
import { DashboardApi, type LedgerChange, startSession } from './api.js';
import { LangContext, T } from './components/text.js';
import { formatDate, formatTime } from './format.js';
import type { Lang } from './labels.js';
import { parseRoute, type Route, routeHash } from './route.js';
import type { Overview } from './types.js';
import { AccountsView } from './views/accounts-view.js';
import { DomesticView } from './views/domestic-view.js';
import { OverseasView } from './views/overseas-view.js';
import { WhatIfView } from './views/what-if-view.js';

/** The page: header strip (date, env, last change, language), navigation and the routed view. */
export function App() {
  const [api, setApi] = useState<DashboardApi | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(parseRoute(location.hash));
  const [lang, setLang] = useState<Lang>((localStorage.getItem('kisfo.lang') as Lang) ?? 'ko');
  const [overview, setOverview] = useState<Overview | undefined>(undefined);
  const [change, setChange] = useState<LedgerChange | undefined>(undefined);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    void startSession().then((t) => {
      setApi(t === undefined ? null : new DashboardApi(t));
      setRoute(parseRoute(location.hash));
    });
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!api) return;
    return api.follow(setChange, setLive);
  }, [api]);

  const revision = change?.changedAt ?? '';
  useEffect(() => {
    if (!api) return;
    api.get<Overview>('/overview').then(setOverview, (e: Error) => setError(e.message));
  }, [api, revision]);

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('kisfo.lang', lang);
  }, [lang]);

  const account = useMemo(
    () =>
      route.view === 'accounts' ? undefined : overview?.accounts.find((a) => a.id === route.id),
    [route, overview],
  );

  if (api === null)
    return (
      <LangContext.Provider value={lang}>
        <main class="signin" role="alert">
          <T k="signIn" />
        </main>
      </LangContext.Provider>
    );

  const changedAt = change?.changedAt ?? overview?.changedAt;
  return (
    <LangContext.Provider value={lang}>
      <header class="top">
        <a class="brand" href="#/">
          <T k="title" />
        </a>
        <dl class="strip">
          <div>
            <dt>
              <T k="businessDate" />
            </dt>
            <dd data-testid="business-date">
              {overview ? formatDate(overview.businessDate) : '…'}
            </dd>
          </div>
          <div>
            <dt>
              <T k="env" />
            </dt>
            <dd data-testid="env">
              {account
                ? account.envs.join(', ')
                : overview
                  ? Object.keys(overview.hosts).join(', ')
                  : '…'}
            </dd>
          </div>
          <div>
            <dt>
              <T k="lastChange" />
            </dt>
            <dd data-testid="last-change" data-changed-at={changedAt ?? ''}>
              {changedAt ? formatTime(changedAt) : '…'}{' '}
              <span class={live ? 'live on' : 'live'}>
                <T k={live ? 'live' : 'offline'} />
              </span>
            </dd>
          </div>
        </dl>
        <button
          type="button"
          class="lang"
          onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}
          data-testid="lang-toggle"
        >
          <T k="language" />
        </button>
      </header>
      {account && (
        <nav class="tabs" aria-label="views">
          {(account.kind === 'domestic'
            ? (['domestic', 'what-if'] as const)
            : (['overseas', 'what-if'] as const)
          ).map((v) => (
            <a
              key={v}
              href={routeHash({ view: v, id: account.id })}
              aria-current={route.view === v ? 'page' : undefined}
            >
              {v === 'what-if' ? <T k="whatIf" /> : <T k={v} />} · {account.id}
            </a>
          ))}
        </nav>
      )}
      <main>
        {error && (
          <p class="error" role="alert">
            <T k="error" />: {error}
          </p>
        )}
        {api && route.view === 'accounts' && <AccountsView overview={overview} />}
        {api && route.view === 'domestic' && (
          <DomesticView api={api} id={route.id} revision={revision} />
        )}
        {api && route.view === 'overseas' && (
          <OverseasView api={api} id={route.id} revision={revision} />
        )}
        {api && route.view === 'what-if' && account && (
          <WhatIfView api={api} account={account} revision={revision} />
        )}
      </main>
    </LangContext.Provider>
  );
}

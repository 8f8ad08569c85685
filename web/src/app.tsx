// The page frame (header with navigation, search and live state; footer) and the route table.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './components/States';
import { LiveBadge } from './components/LiveBadge';
import { Search } from './components/Search';
import { Blocks } from './pages/Blocks';
import { Guide } from './pages/Guide';
import { Home } from './pages/Home';
import { Leaderboard } from './pages/Leaderboard';
import { Miner } from './pages/Miner';
import { NotFound } from './pages/NotFound';
import { Pools } from './pages/Pools';
import { Link, matchRoute, useLocation } from './router';

const NAV = [
  ['/', 'Home'],
  ['/pools', 'Pools'],
  ['/blocks', 'Blocks'],
  ['/leaderboard', 'Leaderboard'],
  ['/guide', 'Start mining'],
  ['/dashboard', 'Dashboard'],
] as const;

// The dashboard (sign-in, settings, QR codes) loads on first visit only.
function LazyDashboard() {
  const [Page, setPage] = useState<ComponentType | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    import('./pages/Dashboard').then(
      (m) => setPage(() => m.default),
      (e: Error) => setError(e),
    );
  }, []);
  if (error) return <div class="state failed">The dashboard did not load: {error.message}</div>;
  return Page ? <Page /> : <Loading what="the dashboard" />;
}

function Page({ path }: { path: string }) {
  if (matchRoute('/', path)) return <Home />;
  if (matchRoute('/pools', path)) return <Pools />;
  if (matchRoute('/blocks', path)) return <Blocks />;
  if (matchRoute('/leaderboard', path)) return <Leaderboard />;
  if (matchRoute('/guide', path)) return <Guide />;
  if (matchRoute('/dashboard', path)) return <LazyDashboard />;
  const miner = matchRoute('/miner/:address', path);
  if (miner) return <Miner key={miner.address} address={miner.address} />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const [menu, setMenu] = useState(false);
  return (
    <>
      <header class="top">
        <div class="bar">
          <Link class="brand" href="/">
            <span class="logo" aria-hidden="true">◆</span> Viddhana<span class="accent">Pool</span>
          </Link>
          <LiveBadge />
          <button type="button" class="menu-toggle" aria-expanded={menu} aria-controls="nav" onClick={() => setMenu(!menu)}>
            Menu
          </button>
        </div>
        <nav id="nav" class={menu ? 'open' : ''} onClick={() => setMenu(false)}>
          {NAV.map(([href, label]) => (
            <Link key={href} href={href}>
              {label}
            </Link>
          ))}
        </nav>
        <Search />
      </header>
      <main id="main">
        <Page path={path} />
      </main>
      <footer class="foot muted">Viddhana Pool · amounts in the coin's base unit, shown with 8 decimals · times in your local zone</footer>
    </>
  );
}

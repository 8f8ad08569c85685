// The signed-in dashboard: wallet sign-in (EIP-1193 provider, with the two-factor step when the
// account has it), linked miners with their workers and payout settings, two-factor setup with a
// QR code, sessions, and the analytics service's earnings projection (or why there is none).
// Loaded on demand: the QR encoder is not part of the first page load.
import { useState } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { ApiError, request } from '../api/client';
import type { DashboardData, EarningsAnswer, SentinelAlert, SentinelAnswer, Worker } from '../api/types';
import { session, type SessionInfo } from '../auth/session';
import { browserWallet, signInWithWallet, verifyTwoFactor } from '../auth/wallet';
import { Empty, Failed, NotAvailable, Show } from '../components/States';
import { When } from '../components/Time';
import { balanceAlerts } from '../api/balance-alerts';
import { parseAmount } from '../format/amount';
import { formatHashrate } from '../format/hashrate';
import { useAccountLiveState, useApi, useSessionInfo, useTitle } from '../hooks';
import { Amount, decimalsOf, usePoolInfo } from '../pool';
import { Link } from '../router';

// The account channel's snapshot: what /api/dashboard and /api/workers answer.
interface AccountSummary {
  miners: DashboardData['miners'];
  workers: (Worker & { address: string })[];
  time: number;
}

const ACCOUNT_BADGE = {
  live: { cls: 'live', text: 'Live' },
  pending: { cls: 'connecting', text: 'Connecting…' },
  refused: { cls: 'offline', text: 'Not live: sign in again' },
  off: { cls: 'connecting', text: 'Connecting…' },
} as const;

export default function Dashboard() {
  useTitle('Dashboard');
  const s = useSessionInfo();
  return <div class="page dashboard">{s ? <SignedIn s={s} /> : <SignIn />}</div>;
}

function SignIn() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const wallet = browserWallet();
  return (
    <>
      <h1>Dashboard</h1>
      <section class="card sign-in">
        <p>Sign in with your wallet to manage payouts, two-factor authentication and sessions. Statistics of any miner are public on its miner page.</p>
        {!wallet && <p class="state failed">No browser wallet found: install one (such as MetaMask) to sign in.</p>}
        {challenge ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setError(null);
              try {
                session.signIn(await verifyTwoFactor(challenge, code.trim()));
              } catch (err) {
                setError(err as Error);
              } finally {
                setBusy(false);
              }
            }}
          >
            <label>
              Authenticator code
              <input id="two-factor-code" inputMode="numeric" autocomplete="one-time-code" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
            </label>
            <button type="submit" class="button primary" disabled={busy}>
              Verify
            </button>
          </form>
        ) : (
          <button
            type="button"
            id="sign-in"
            class="button primary"
            disabled={!wallet || busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const r = await signInWithWallet(wallet!);
                if ('session' in r) session.signIn(r.session);
                else setChallenge(r.challengeToken);
              } catch (err) {
                setError(err as Error);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Waiting for the wallet…' : 'Sign in with wallet'}
          </button>
        )}
        {error && <Failed error={error} />}
      </section>
    </>
  );
}

function SignedIn({ s }: { s: SessionInfo }) {
  // Live over the private account channel: each summary updates the miners in place; payments
  // and settled blocks of linked miners refetch the whole dashboard.
  const data = useApi<DashboardData>('/api/dashboard', {
    poll: 60_000,
    channel: 'account',
    refreshOn: ['account.summary', 'miner.payment', 'block.confirmed', 'block.orphaned'],
    apply: (d, msg) => {
      if (msg.channel !== 'account') return d;
      if (msg.type !== 'account.summary' || !d) return undefined;
      return { ...d, miners: (msg.data as AccountSummary).miners };
    },
  });
  const accountLive = useAccountLiveState();
  return (
    <>
      <h1>Dashboard</h1>
      <p class="signed-in-as">
        Signed in as <code class="mono break" data-wallet>{s.walletAddress}</code>{' '}
        <span class={`live-badge ${ACCOUNT_BADGE[accountLive].cls}`} data-account-live={accountLive}>
          <span class="dot" aria-hidden="true" />
          {ACCOUNT_BADGE[accountLive].text}
        </span>{' '}
        <button
          type="button"
          id="sign-out"
          onClick={async () => {
            await request('POST', '/api/auth/logout', { refreshToken: s.refreshToken }).catch(() => undefined);
            session.signOut();
          }}
        >
          Sign out
        </button>
      </p>
      <Show resource={data} what="your dashboard">
        {(d) => (
          <>
            <Miners d={d} reload={data.reload} />
            <Alerts d={d} />
            <Projection d={d} />
            <TwoFactor enabled={d.account.twoFactorEnabled} reload={data.reload} />
            <Sessions d={d} reload={data.reload} />
          </>
        )}
      </Show>
    </>
  );
}

function Miners({ d, reload }: { d: DashboardData; reload: () => void }) {
  const { info } = usePoolInfo();
  return (
    <section class="card" data-section="miners">
      <h2>Miners</h2>
      {d.miners.length === 0 ? (
        <Empty>No miner linked to this account yet.</Empty>
      ) : (
        d.miners.map((m) => (
          <div class="linked-miner" key={m.address} data-miner={m.address}>
            <h3>
              <Link class="mono break" href={`/miner/${m.address}`}>
                {m.address}
              </Link>
            </h3>
            <p>
              {formatHashrate(m.hashrate)} · immature <Amount value={m.balance.immature} info={info} /> · pending{' '}
              <Amount value={m.balance.pending} info={info} /> · paid <Amount value={m.balance.paid} info={info} />
            </p>
            <Workers address={m.address} />
            <PayoutSettings address={m.address} twoFactor={d.account.twoFactorEnabled} reload={reload} />
          </div>
        ))
      )}
      <LinkMiner reload={reload} />
    </section>
  );
}

function Workers({ address }: { address: string }) {
  const w = useApi<{ workers: Worker[] }>(`/api/miners/${encodeURIComponent(address)}/workers`, {
    poll: 60_000,
    refreshOn: ['account.summary'],
    apply: (x, msg) =>
      msg.channel === 'account'
        ? { workers: (msg.data as AccountSummary).workers.filter((k) => k.address === address) }
        : x,
  });
  return (
    <Show resource={w} what="workers">
      {(x) =>
        x.workers.length === 0 ? (
          <Empty>No workers yet.</Empty>
        ) : (
          <ul class="list">
            {x.workers.map((k) => (
              <li key={k.name} data-worker={k.name}>
                <span class="mono">{k.name || '(default)'}</span>
                <span class={`status ${k.online ? 'confirmed' : 'orphaned'}`}>{k.online ? 'online' : 'offline'}</span>
                <span>{formatHashrate(k.hashrate)}</span>
                <When t={k.lastShare} />
              </li>
            ))}
          </ul>
        )
      }
    </Show>
  );
}

function PayoutSettings({ address, twoFactor, reload }: { address: string; twoFactor: boolean; reload: () => void }) {
  const { info } = usePoolInfo();
  const [threshold, setThreshold] = useState('');
  const [payTo, setPayTo] = useState('');
  const [code, setCode] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  return (
    <form
      class="form-grid payout-settings"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setNote(null);
        try {
          const body: Record<string, unknown> = {};
          if (threshold.trim()) body.threshold = Number(parseAmount(threshold, decimalsOf(info)));
          if (payTo.trim()) body.payoutAddress = payTo.trim();
          // With two-factor on, the server asks for a code before it moves the payouts.
          if (payTo.trim() && twoFactor) body.code = code.trim();
          if (!Object.keys(body).length) throw new Error('enter a threshold or a payout address');
          await request('PUT', `/api/dashboard/miners/${encodeURIComponent(address)}/payout`, body);
          setNote('Saved.');
          reload();
        } catch (err) {
          setError(err as Error);
        }
      }}
    >
      <label>
        Payout threshold ({info?.symbol ?? 'coins'})
        <input value={threshold} placeholder="e.g. 0.5" onInput={(e) => setThreshold((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Payout address
        <input value={payTo} placeholder={address} spellcheck={false} onInput={(e) => setPayTo((e.target as HTMLInputElement).value)} />
      </label>
      {twoFactor && payTo.trim() && (
        <label>
          Authenticator code (needed to change the payout address)
          <input value={code} inputMode="numeric" autocomplete="one-time-code" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        </label>
      )}
      <button type="submit">Save payout settings</button>
      {note && <p class="muted">{note}</p>}
      {error && <Failed error={error} />}
    </form>
  );
}

function LinkMiner({ reload }: { reload: () => void }) {
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState<{ message: string; howToSign: string } | null>(null);
  const [signature, setSignature] = useState('');
  const [error, setError] = useState<Error | null>(null);
  return (
    <div class="link-miner">
      <h3>Link a miner</h3>
      <p class="muted">Prove the address is yours by signing a message with its key (legacy addresses; your coin wallet's signmessage).</p>
      {!message ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              setMessage(await request('POST', '/api/dashboard/miners/link-message', { address: address.trim() }));
            } catch (err) {
              setError(err as Error);
            }
          }}
        >
          <input value={address} placeholder="miner address" spellcheck={false} onInput={(e) => setAddress((e.target as HTMLInputElement).value)} />
          <button type="submit">Get the message to sign</button>
        </form>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await request('POST', '/api/dashboard/miners/link', { address: address.trim(), signature: signature.trim(), message: message.message });
              setMessage(null);
              setSignature('');
              reload();
            } catch (err) {
              setError(err as Error);
            }
          }}
        >
          <pre class="break">{message.message}</pre>
          <p class="muted">
            Sign it with <code class="mono break">{message.howToSign}</code>
          </p>
          <input value={signature} placeholder="signature" spellcheck={false} onInput={(e) => setSignature((e.target as HTMLInputElement).value)} />
          <button type="submit">Link</button>
        </form>
      )}
      {error && <Failed error={error} />}
    </div>
  );
}

// The analytics service's Sentinel alerts for the account's miners (a rig gone offline or
// sick, invalid-share floods, hash rate jumps, withholding), newest first.
function Alerts({ d }: { d: DashboardData }) {
  const key = d.miners.map((m) => m.address).join(',');
  const [state, setState] = useState<{ key: string; alerts?: SentinelAlert[]; error?: Error } | null>(null);
  if (state?.key !== key) {
    setState({ key });
    Promise.all(
      d.miners.map((m) => request<SentinelAnswer>('GET', `/api/ai/alerts?miner=${encodeURIComponent(m.address)}`)),
    ).then(
      (answers) => {
        const alerts = answers.flatMap((a) => a.alerts).sort((a, b) => b.time_ms - a.time_ms);
        setState((s) => (s?.key === key ? { key, alerts } : s));
      },
      (error: Error) => setState((s) => (s?.key === key ? { key, error } : s)),
    );
  }
  const { info } = usePoolInfo();
  const balances = balanceAlerts(d.miners);
  return (
    <section class="card" data-section="alerts">
      <h2>Alerts</h2>
      {balances.length > 0 && (
        <ul class="alerts">
          {balances.map((a) => (
            <li key={`${a.kind}-${a.miner}`} data-alert={a.kind}>
              <strong>{a.kind === 'payout_due' ? 'payout due' : 'balance near threshold'}</strong>{' '}
              <span class="mono break">{a.miner}</span> · <Amount value={a.pending} info={info} /> of{' '}
              <Amount value={a.threshold} info={info} />
              {a.kind === 'payout_due' ? ': paid at the next payment pass' : ''}
            </li>
          ))}
        </ul>
      )}
      {d.miners.length === 0 ? (
        <Empty>Link a miner to be warned when one of its workers goes offline or misbehaves.</Empty>
      ) : state?.error ? (
        state.error instanceof ApiError && state.error.status === 503 ? (
          <NotAvailable what="Worker alerts" why={state.error.message} />
        ) : (
          <Failed error={state.error} />
        )
      ) : !state?.alerts ? (
        <p class="muted">Asking the analytics service…</p>
      ) : state.alerts.length === 0 ? (
        <Empty>No alerts: every worker behaves as its hash rate predicts.</Empty>
      ) : (
        <ul class="alerts">
          {state.alerts.map((a) => (
            <li key={`${a.time_ms}-${a.kind}-${a.miner}-${a.worker}`} data-alert={a.kind}>
              <strong>{a.kind.replace(/_/g, ' ')}</strong> {a.worker ? `${a.worker} · ` : ''}
              {a.reason} <When t={a.time_ms} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Projection({ d }: { d: DashboardData }) {
  const total = d.miners.reduce((a, m) => a + m.hashrate, 0);
  const { info } = usePoolInfo();
  const [state, setState] = useState<{ key: number; data?: EarningsAnswer; error?: Error } | null>(null);
  if (state?.key !== total) {
    const key = total;
    setState({ key });
    request<EarningsAnswer>('POST', '/api/ai/predict/earnings', { hashrate: total }).then(
      (data) => setState((s) => (s?.key === key ? { key, data } : s)),
      (error: Error) => setState((s) => (s?.key === key ? { key, error } : s)),
    );
  }
  return (
    <section class="card" data-section="analytics">
      <h2>Earnings projection</h2>
      {state?.error ? (
        state.error instanceof ApiError && state.error.status === 503 ? (
          <NotAvailable what="The earnings projection" why={state.error.message} />
        ) : (
          <Failed error={state.error} />
        )
      ) : !state?.data ? (
        <p class="muted">Asking the analytics service…</p>
      ) : (
        <div class="table-wrap">
          <p class="muted">At {formatHashrate(total)}:</p>
          <table>
            <thead>
              <tr>
                <th>Period</th>
                <th>Expected</th>
                <th>Likely range</th>
              </tr>
            </thead>
            <tbody>
              {state.data.periods.map((p) => (
                <tr key={p.period}>
                  <td>{p.period}</td>
                  <td class="mono">
                    {p.expected_coins} {info?.symbol}
                  </td>
                  <td class="mono">
                    {p.low_coins} – {p.high_coins}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TwoFactor({ enabled, reload }: { enabled: boolean; reload: () => void }) {
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const submit = (path: string) => async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await request('POST', path, { code: code.trim() });
      setSetup(null);
      setCode('');
      reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <section class="card" data-section="two-factor">
      <h2>Two-factor authentication</h2>
      {enabled ? (
        <form onSubmit={submit('/api/auth/2fa/disable')}>
          <p>On: signing in asks for a code from your authenticator app.</p>
          <input value={code} inputMode="numeric" placeholder="code to turn it off" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
          <button type="submit">Turn off</button>
        </form>
      ) : setup ? (
        <form onSubmit={submit('/api/auth/2fa/enable')}>
          <p>Scan this with your authenticator app, then enter the code it shows.</p>
          <div class="qr" data-qr dangerouslySetInnerHTML={{ __html: renderSVG(setup.uri, { border: 2 }) }} />
          <p class="muted">
            Or enter the secret: <code class="mono break">{setup.secret}</code>
          </p>
          <input id="two-factor-enable-code" value={code} inputMode="numeric" placeholder="6-digit code" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
          <button type="submit">Turn on</button>
        </form>
      ) : (
        <button
          type="button"
          id="two-factor-setup"
          onClick={async () => {
            setError(null);
            try {
              setSetup(await request('POST', '/api/auth/2fa/setup', {}));
            } catch (err) {
              setError(err as Error);
            }
          }}
        >
          Set up two-factor authentication
        </button>
      )}
      {error && <Failed error={error} />}
    </section>
  );
}

function Sessions({ d, reload }: { d: DashboardData; reload: () => void }) {
  return (
    <section class="card" data-section="sessions">
      <h2>Sessions</h2>
      <ul class="list">
        {d.sessions.map((x, i) => (
          <li key={i}>
            <span class="break">{x.userAgent || 'unknown browser'}</span>
            <span class="mono">{x.ip}</span>
            <When t={x.lastUsed ?? x.started} />
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={async () => {
          await request('POST', '/api/auth/logout-all', {}).catch(() => undefined);
          session.signOut();
          reload();
        }}
      >
        Sign out everywhere
      </button>
    </section>
  );
}

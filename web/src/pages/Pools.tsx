// How to connect: Stratum URL and ports with their difficulty, the login format, algorithm,
// payout scheme, fee and minimum payout, each with a copy button where it is something to paste.
import type { ComponentChildren } from 'preact';
import { CopyButton } from '../components/Copy';
import { Failed, Loading } from '../components/States';
import { formatDifficulty } from '../format/hashrate';
import { formatDuration } from '../format/time';
import { useTitle } from '../hooks';
import { Amount, usePoolInfo } from '../pool';
import { Link } from '../router';

function Row({ label, value, copy }: { label: string; value: ComponentChildren; copy?: string }) {
  return (
    <div class="kv-row">
      <dt>{label}</dt>
      <dd>
        {value}
        {copy !== undefined && <CopyButton value={copy} label={`Copy ${label}`} />}
      </dd>
    </div>
  );
}

export function hostOf(url: string): string {
  const m = /^[a-z+]+:\/\/([^/]+?)(?::\d+)?(?:\/|$)/i.exec(url);
  return m ? m[1] : url;
}

export function Pools() {
  useTitle('Pools');
  const { info, error } = usePoolInfo();
  if (error) return <Failed error={error} />;
  if (!info) return <Loading what="the connection details" />;
  const port = info.stratum.ports[0];
  return (
    <div class="page pools">
      <h1>Connect to the pool</h1>
      <section class="card">
        <h2>
          {info.coin} ({info.symbol}) · {info.network}
        </h2>
        <dl class="kv" data-testid="connection">
          <Row label="Stratum URL" value={<code class="mono">{info.stratum.url}</code>} copy={info.stratum.url} />
          <Row label="Host" value={<code class="mono">{hostOf(info.stratum.url)}</code>} copy={hostOf(info.stratum.url)} />
          <Row label="Port" value={<code class="mono">{port?.port ?? '—'}</code>} copy={port ? String(port.port) : ''} />
          <Row
            label="Login"
            value={
              <span>
                <code class="mono">ADDRESS.WORKER</code> <small class="muted">e.g. {info.stratum.login.example}</small>
              </span>
            }
            copy="ADDRESS.WORKER"
          />
          <Row label="Password" value={<code class="mono">x</code>} copy="x" />
          <Row label="Algorithm" value={info.algorithm} />
        </dl>
      </section>
      <section class="card">
        <h2>Ports and difficulty</h2>
        {info.stratum.ports.length === 0 ? (
          <p class="state empty">This pool lists no Stratum ports.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Port</th>
                  <th>TLS</th>
                  <th>Start difficulty</th>
                  <th>Range</th>
                </tr>
              </thead>
              <tbody>
                {info.stratum.ports.map((p) => (
                  <tr key={p.port}>
                    <td class="mono">{p.port}</td>
                    <td>{p.tls ? 'yes' : 'no'}</td>
                    <td>{formatDifficulty(p.difficulty.initial)}</td>
                    <td>
                      {p.difficulty.variable
                        ? `variable, ${formatDifficulty(p.difficulty.min)} – ${formatDifficulty(p.difficulty.max)}`
                        : 'fixed'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card">
        <h2>Payouts</h2>
        <dl class="kv">
          <Row label="Scheme" value={info.payout.scheme.toUpperCase()} />
          <Row label="Fee" value={`${info.payout.fee} %`} />
          <Row label="Minimum payout" value={<Amount value={info.payout.minimumThreshold} info={info} />} />
          <Row label="Default payout threshold" value={<Amount value={info.payout.defaultThreshold} info={info} />} />
          <Row label="Block maturity" value={`${info.payout.confirmations} confirmations`} />
          <Row
            label="Payments"
            value={info.payout.enabled ? `every ${formatDuration(info.payout.intervalSeconds)}` : 'paused by the operator'}
          />
        </dl>
        <p>
          <Link href="/guide">Set up your miner ›</Link>
        </p>
      </section>
    </div>
  );
}

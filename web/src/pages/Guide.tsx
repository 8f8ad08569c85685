// How to connect, with ready-to-paste settings for cpuminer, cgminer, bfgminer and ASIC web
// interfaces, filled in with the miner's address and worker name.
import { useState } from 'preact/hooks';
import { CopyButton } from '../components/Copy';
import { Failed, Loading } from '../components/States';
import { addressProblem, asicFields, bfgminerCommand, cgminerCommand, cpuminerCommand, loginOf } from '../guide/commands';
import { useTitle } from '../hooks';
import { Amount, usePoolInfo } from '../pool';
import { Link, useLocation } from '../router';

function Command({ id, title, text }: { id: string; title: string; text: string }) {
  return (
    <div class="command" data-command={id}>
      <h3>{title}</h3>
      <div class="code-line">
        <pre>
          <code>{text}</code>
        </pre>
        <CopyButton value={text} label={`Copy the ${title} command`} />
      </div>
    </div>
  );
}

export function Guide() {
  useTitle('Getting started');
  const { query } = useLocation();
  const { info, error } = usePoolInfo();
  const [address, setAddress] = useState(query.get('address') ?? '');
  const [worker, setWorker] = useState('rig1');
  if (error) return <Failed error={error} />;
  if (!info) return <Loading what="the pool's settings" />;
  const setup = { url: info.stratum.url, algorithm: info.algorithm, address, worker };
  const problem = address.trim() ? addressProblem(address) : null;
  const asic = asicFields(setup);
  return (
    <div class="page guide">
      <h1>Start mining</h1>
      <ol class="steps">
        <li>
          Get a {info.coin} ({info.symbol}) address from your wallet: the pool pays to it, and it is your login.
        </li>
        <li>
          Point your miner at <code class="mono">{info.stratum.url}</code> with the login{' '}
          <code class="mono">ADDRESS.WORKER</code> (any worker name, one per machine) and password <code class="mono">x</code>.
        </li>
        <li>
          Watch your miner page: workers show up with their first accepted share. Payouts start at{' '}
          <Amount value={info.payout.defaultThreshold} info={info} /> ({info.payout.scheme.toUpperCase()}, {info.payout.fee} % fee).
        </li>
      </ol>

      <section class="card">
        <h2>Your settings</h2>
        <div class="form-grid">
          <label>
            Address
            <input
              id="guide-address"
              value={address}
              spellcheck={false}
              autocomplete="off"
              placeholder={`your ${info.symbol} address`}
              onInput={(e) => setAddress((e.target as HTMLInputElement).value.trim())}
              aria-invalid={problem ? 'true' : undefined}
            />
          </label>
          <label>
            Worker name
            <input id="guide-worker" value={worker} spellcheck={false} autocomplete="off" onInput={(e) => setWorker((e.target as HTMLInputElement).value)} />
          </label>
        </div>
        {problem && (
          <p class="state failed" role="alert">
            {problem}
          </p>
        )}
        <p>
          Login: <code class="mono break" data-login>{loginOf(setup)}</code>
        </p>
      </section>

      <section class="card">
        <h2>Miner software</h2>
        <Command id="cpuminer" title="cpuminer" text={cpuminerCommand(setup)} />
        <Command id="cgminer" title="cgminer" text={cgminerCommand(setup)} />
        <Command id="bfgminer" title="bfgminer" text={bfgminerCommand(setup)} />
      </section>

      <section class="card">
        <h2>ASIC web interface</h2>
        <dl class="kv" data-command="asic">
          {(
            [
              ['Pool URL', asic.url],
              ['Worker', asic.worker],
              ['Password', asic.password],
            ] as const
          ).map(([k, v]) => (
            <div class="kv-row" key={k}>
              <dt>{k}</dt>
              <dd>
                <code class="mono break">{v}</code>
                <CopyButton value={v} label={`Copy ${k}`} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {address && !problem && (
        <p>
          <Link class="button primary" href={`/miner/${encodeURIComponent(address)}`}>
            Open my miner page
          </Link>
        </p>
      )}
    </div>
  );
}

// The address search box: an address (with or without ".worker") opens its miner page.
import { useState } from 'preact/hooks';
import { addressProblem } from '../guide/commands';
import { navigate } from '../router';

export function Search({ id = 'search' }: { id?: string }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      class="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const address = text.trim().split('.')[0];
        const p = addressProblem(address);
        setProblem(p);
        if (!p) {
          setText('');
          navigate(`/miner/${encodeURIComponent(address)}`);
        }
      }}
    >
      <label class="sr-only" for={id}>
        Miner address
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search miner address"
        autocomplete="off"
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setProblem(null);
        }}
        aria-invalid={problem ? 'true' : undefined}
      />
      <button type="submit">Go</button>
      {problem && (
        <div class="search-problem" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}

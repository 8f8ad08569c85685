// Any path the app has no page for.
import { useTitle } from '../hooks';
import { Link, currentPath } from '../router';

export function NotFound() {
  useTitle('Page not found');
  return (
    <div class="page not-found" data-page="404">
      <h1>Page not found</h1>
      <p>
        There is no page at <code class="mono break">{currentPath()}</code>.
      </p>
      <p>
        <Link class="button primary" href="/">
          Back to the pool
        </Link>
      </p>
    </div>
  );
}

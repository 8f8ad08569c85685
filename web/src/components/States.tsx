// What a section shows while it waits, when it failed, and when there is nothing yet: always a
// sentence saying what is happening.
import type { ComponentChildren } from 'preact';
import type { Resource } from '../hooks';

export function Loading({ what }: { what: string }) {
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

export function Failed({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="state failed" role="alert">
      {error.message}
      {retry && (
        <button type="button" class="link" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function NotAvailable({ what, why }: { what: string; why: string }) {
  return (
    <div class="state unavailable" data-state="not-available">
      <strong>{what} is not available.</strong> {why}
    </div>
  );
}

// Renders `children(data)` once the resource has data; otherwise its loading or error state.
export function Show<T>({
  resource,
  what,
  children,
}: {
  resource: Resource<T>;
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  if (resource.data !== undefined) return <>{children(resource.data)}</>;
  if (resource.error) return <Failed error={resource.error} retry={resource.reload} />;
  return <Loading what={what} />;
}

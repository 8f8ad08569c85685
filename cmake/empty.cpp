// Keeps a domain library valid while it has no sources of its own.

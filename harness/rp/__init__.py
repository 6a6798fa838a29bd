"""The relying party: what an integrator's client does (discover, authenticate, request tokens, verify)."""

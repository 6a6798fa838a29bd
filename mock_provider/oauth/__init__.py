"""OAuth 2.0 / OIDC mechanics shared by the endpoints: errors, client authentication, token minting."""

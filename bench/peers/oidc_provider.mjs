// node oidc-provider (npm, installed by bench/compare.sh into a git-ignored directory) configured for the
// same work our mock does per flow: a login form, a code with PKCE, ES256 ID tokens, userinfo, and
// client_credentials with opaque or JWT access tokens. Run: node oidc_provider.mjs PORT
import crypto from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(process.env.BENCH_NODE_PREFIX + "/");
const { default: Provider } = await import(require.resolve("oidc-provider"));

const port = Number(process.argv[2]);
const issuer = `http://127.0.0.1:${port}`;
const jwk = (alg, options) => ({ ...crypto.generateKeyPairSync(alg, options).privateKey.export({ format: "jwk" }) });
const keys = [
  { ...jwk("ec", { namedCurve: "P-256" }), alg: "ES256", use: "sig", kid: "es" },
  { ...jwk("rsa", { modulusLength: 2048 }), alg: "RS256", use: "sig", kid: "rs" },
];
const redirect = "https://rp.example.no/callback";
const clients = [
  {
    client_id: "bench-code",
    client_secret: "bench-secret",
    redirect_uris: [redirect],
    id_token_signed_response_alg: "ES256",
  },
  ...["opaque", "jwt-es256", "jwt-rs256"].map((kind) => ({
    client_id: `bench-cc-${kind}`,
    client_secret: "bench-secret",
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
  })),
];
const resourceFor = { "bench-cc-jwt-es256": "urn:bench:es256", "bench-cc-jwt-rs256": "urn:bench:rs256" };

const provider = new Provider(issuer, {
  clients,
  jwks: { keys },
  pkce: { required: () => true },
  scopes: ["openid", "profile", "api"],
  claims: { openid: ["sub"], profile: ["name", "given_name", "family_name", "birthdate"] },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, name: "Kari Nordmann", given_name: "Kari", family_name: "Nordmann", birthdate: "1946-03-27" }),
  }),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx) => resourceFor[ctx.oidc.client?.clientId] ?? undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => ({
        scope: "api",
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: resource.endsWith("rs256") ? "RS256" : "ES256" } },
      }),
    },
  },
  // No consent prompt: our mock has none either (the login is the consent).
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid profile");
    await grant.save();
    return grant;
  },
});

const form = (uid) =>
  `<!doctype html><form method="post" action="/interaction/${uid}/login">` +
  `<input name="nnin"><input name="otp"><input name="password" type="password"><button>Log in</button></form>`;

const body = (req) =>
  new Promise((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(new URLSearchParams(data)));
  });

const callback = provider.callback();
http
  .createServer(async (req, res) => {
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(req.url);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(form(details.uid));
        return;
      }
      const fields = await body(req);
      await provider.interactionFinished(req, res, { login: { accountId: fields.get("nnin") } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400).end(String(error));
    }
  })
  .listen(port, "127.0.0.1", () => console.log(`ready ${issuer}`));

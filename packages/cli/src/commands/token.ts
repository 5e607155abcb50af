import {
  boolFlag,
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  type Command,
  outputFormat,
} from '../command.js';
import { connect } from '../connect.js';
import { renderJson } from '../output/formats.js';

/** `kisfo token`: issue (or reuse) and describe the access token, or revoke it. Never prints it. */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'issue or reuse the access token (shown masked), or --revoke it',
  help: `Usage: kisfo token [--revoke] [flags]

Gets an access token the way the SDK does (reused from the token store until it expires; KIS
issues at most one per minute) and says when it expires. The token itself is never printed.

Flags:
  --revoke         revoke the token at KIS and remove it from the store
  --json           machine-readable output
${CONNECTION_HELP}
`,
  options: { ...CONNECTION_OPTIONS, revoke: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(args, ctx) {
    const format = outputFormat(args);
    const { client, config } = connect(args, ctx);
    if (boolFlag(args, 'revoke')) {
      const revoked = await client.revokeToken({ signal: ctx.signal });
      if (format === 'json') ctx.stdout.write(renderJson({ env: config.env, revoked }));
      else ctx.stdout.write(revoked ? 'token revoked\n' : 'no token to revoke\n');
      return 0;
    }
    const info = await client.tokenInfo({ signal: ctx.signal });
    if (format === 'json') {
      ctx.stdout.write(
        renderJson({
          env: config.env,
          baseURL: client.baseURL,
          token: info.masked,
          fingerprint: info.fingerprint,
          expiresAt: info.expiresAt,
        }),
      );
    } else {
      ctx.stdout.write(
        `token ${info.masked} (fingerprint ${info.fingerprint}) for ${config.env} at ${client.baseURL}\nexpires ${info.expiresAt} (Korea time)\n`,
      );
    }
    return 0;
  },
};

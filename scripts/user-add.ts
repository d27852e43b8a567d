// `npm run user:add -- <name> --password <p> --scopes predict,train,admin`: adds a user to DATA_DIR/users.json, or
// replaces the password and scopes of an existing one. Without --password it is read from the USER_PASSWORD variable.
import { parseArgs } from 'node:util';
import { parseScopes, SCOPES } from '../server/core/auth/principal';
import { createUserStore, usersFile } from '../server/core/auth/user-store';
import { readConfig } from '../server/config';

const usage = `usage: npm run user:add -- <name> --password <password> [--scopes ${SCOPES.join(',')}]`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { password: { type: 'string' }, scopes: { type: 'string', default: 'predict' } },
  });
  const [name] = positionals;
  const password = values.password ?? process.env.USER_PASSWORD;
  if (!name || positionals.length > 1 || !password) throw new Error(usage);
  const { dataDir } = readConfig();
  const scopes = parseScopes(values.scopes);
  await createUserStore(dataDir).put(name, password, scopes);
  console.log(`user ${name} (scopes ${scopes.join(', ')}) saved in ${usersFile(dataDir)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../atomic-write';
import { hashPassword, verifyPassword } from './password-hash';
import type { Principal, Scope } from './principal';

interface StoredUser {
  name: string;
  passwordHash: string;
  scopes: Scope[];
}

const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export const usersFile = (dataDir: string) => path.join(dataDir, 'users.json');

async function readUsers(file: string): Promise<StoredUser[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of users`);
    return parsed as StoredUser[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The users of this server, in DATA_DIR/users.json: names, scrypt password hashes and scopes. */
export function createUserStore(dataDir: string) {
  const file = usersFile(dataDir);
  return {
    /** Adds a user, or replaces the password and scopes of an existing one. */
    async put(name: string, password: string, scopes: Scope[]): Promise<void> {
      if (!USER_NAME.test(name)) throw new Error('a user name is 1 to 64 letters, digits, ".", "_" or "-"');
      if (password.length < 8) throw new Error('a password needs at least 8 characters');
      const users = (await readUsers(file)).filter((user) => user.name !== name);
      users.push({ name, passwordHash: await hashPassword(password), scopes });
      await writeFileAtomically(file, `${JSON.stringify(users, null, 2)}\n`);
    },
    /** The user's principal when the password matches; undefined otherwise (unknown users cost the same time). */
    async verify(name: string, password: string): Promise<Principal | undefined> {
      const user = (await readUsers(file)).find((candidate) => candidate.name === name);
      const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      return user && matches ? { name: user.name, scopes: user.scopes } : undefined;
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;

// Verified against when the user does not exist, so a wrong name takes as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

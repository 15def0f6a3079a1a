/** Prints a password hash for the `accounts` section of the hall configuration. Reads the password from stdin. */
import { createInterface } from 'node:readline';
import { hashPassword } from '../adapters/crypto/passwords.js';

const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
rl.question('password: ', (password) => {
  rl.close();
  if (password.length < 8) {
    console.error('a password needs at least 8 characters');
    process.exit(1);
  }
  console.log(hashPassword(password));
});

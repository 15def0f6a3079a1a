/** Staff and manager passwords: how they are hashed for the account store and checked at sign-in. */
export interface PasswordHasher {
  hash(password: string): string;
  /** Resolves false for a wrong password or a hash it cannot read; never throws for either. */
  verify(password: string, stored: string): Promise<boolean>;
}

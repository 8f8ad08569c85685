// Sign-in with a browser wallet (EIP-1193 provider, e.g. MetaMask): the API writes an EIP-4361
// message for the wallet's address, the wallet signs it with personal_sign, the API answers with
// a session, or with a challenge when the account has two-factor authentication on.
import { request } from '../api/client';
import type { Session } from '../api/types';
import type { SessionInfo } from './session';

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export type SignInResult = { session: SessionInfo } | { challengeToken: string; walletAddress: string };

export function browserWallet(): Eip1193Provider | null {
  const w = (globalThis as { ethereum?: Eip1193Provider }).ethereum;
  return w && typeof w.request === 'function' ? w : null;
}

// UTF-8 text as 0x-hex, which personal_sign expects.
export function toHex(text: string): string {
  return '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function sessionOf(t: Session): SessionInfo {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, walletAddress: t.account.walletAddress };
}

export async function signInWithWallet(provider: Eip1193Provider): Promise<SignInResult> {
  const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
  if (!Array.isArray(accounts) || typeof accounts[0] !== 'string') throw new Error('the wallet shared no account');
  const walletAddress = accounts[0];
  const { message } = await request<{ message: string }>('POST', '/api/auth/nonce', { walletAddress });
  const signature = (await provider.request({ method: 'personal_sign', params: [toHex(message), walletAddress] })) as string;
  const answer = await request<Session | { twoFactorRequired: true; challengeToken: string }>('POST', '/api/auth/wallet', {
    walletAddress,
    signature,
    message,
  });
  if ('challengeToken' in answer) return { challengeToken: answer.challengeToken, walletAddress };
  return { session: sessionOf(answer) };
}

export async function verifyTwoFactor(challengeToken: string, code: string): Promise<SessionInfo> {
  return sessionOf(await request<Session>('POST', '/api/auth/2fa/verify', { challengeToken, code }));
}

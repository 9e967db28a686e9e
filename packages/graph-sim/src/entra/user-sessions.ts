// What the user flows remember between requests: authorization codes (once only, 10 minutes, bound
// to client, redirect URI and PKCE challenge), refresh tokens (opaque, bound to client and user) and
// device codes (pending until approved or declined, 15 minutes). Times come from the injected clock,
// so a test can expire a code without waiting.
import { randomBytes } from 'node:crypto';

export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;
export const DEVICE_CODE_LIFETIME_MS = 15 * 60 * 1000;

export interface AuthorizationCode {
  tenantId: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  nonce: string | undefined;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshGrant {
  tenantId: string;
  clientId: string;
  userId: string;
  scope: string;
}

export interface DeviceCodeGrant {
  tenantId: string;
  clientId: string;
  scope: string;
  userCode: string;
  expiresAt: number;
  state: 'pending' | 'approved' | 'declined' | 'redeemed';
  userId?: string;
}

/** A user code as Entra shows them: nine letters and digits without look-alikes. */
function userCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(9)].map((b) => alphabet[b % alphabet.length]).join('');
}

export class UserSessions {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly deviceCodes = new Map<string, DeviceCodeGrant>();

  constructor(readonly clock: () => number) {}

  issueCode(grant: Omit<AuthorizationCode, 'expiresAt' | 'redeemed'>): string {
    const code = `1.${randomBytes(48).toString('base64url')}`;
    this.codes.set(code, {
      ...grant,
      expiresAt: this.clock() + AUTHORIZATION_CODE_LIFETIME_MS,
      redeemed: false,
    });
    return code;
  }

  code(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(grant: RefreshGrant): string {
    const token = `1.${randomBytes(64).toString('base64url')}`;
    this.refreshTokens.set(token, grant);
    return token;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  issueDeviceCode(grant: Pick<DeviceCodeGrant, 'tenantId' | 'clientId' | 'scope'>): {
    deviceCode: string;
    grant: DeviceCodeGrant;
  } {
    const deviceCode = randomBytes(48).toString('base64url');
    const entry: DeviceCodeGrant = {
      ...grant,
      userCode: userCode(),
      expiresAt: this.clock() + DEVICE_CODE_LIFETIME_MS,
      state: 'pending',
    };
    this.deviceCodes.set(deviceCode, entry);
    return { deviceCode, grant: entry };
  }

  deviceCode(deviceCode: string): DeviceCodeGrant | undefined {
    return this.deviceCodes.get(deviceCode);
  }

  deviceCodeByUserCode(code: string): DeviceCodeGrant | undefined {
    const wanted = code.replace(/[\s-]/g, '').toUpperCase();
    return [...this.deviceCodes.values()].find((g) => g.userCode === wanted);
  }
}

// Builders for the polymorphic `evidence` of alerts_v2, one per evidence type the demo uses.
import type { AlertEvidence } from '../../security.js';
import { type DemoPersonKey, demoPeople } from '../people.js';

type Verdict = AlertEvidence['verdict'];

function base(type: string, at: string, verdict: Verdict, roles: string[] = []): AlertEvidence {
  return {
    '@odata.type': `#microsoft.graph.security.${type}` as AlertEvidence['@odata.type'],
    createdDateTime: at,
    verdict,
    remediationStatus: 'none',
    remediationStatusDetails: null,
    roles,
    detailedRoles: [],
    tags: [],
  };
}

/** `userAccount` as Defender reports it for a named person. */
export function userAccount(key: DemoPersonKey): Record<string, unknown> {
  const p = demoPeople[key];
  const [accountName, domainName] = p.userPrincipalName.split('@');
  return {
    accountName,
    domainName,
    userSid: null,
    azureAdUserId: p.id,
    userPrincipalName: p.userPrincipalName,
    displayName: p.displayName,
  };
}

export function userEvidence(
  at: string,
  key: DemoPersonKey,
  verdict: Verdict = 'suspicious',
  roles: string[] = ['compromised'],
): AlertEvidence {
  return { ...base('userEvidence', at, verdict, roles), userAccount: userAccount(key) };
}

export function mailboxEvidence(
  at: string,
  key: DemoPersonKey,
  verdict: Verdict = 'suspicious',
): AlertEvidence {
  const p = demoPeople[key];
  return {
    ...base('mailboxEvidence', at, verdict),
    primaryAddress: p.userPrincipalName,
    displayName: p.displayName,
    userAccount: userAccount(key),
  };
}

export interface Place {
  countryLetterCode: string;
  countryName: string;
  city: string;
  state: string | null;
  latitude: number;
  longitude: number;
}

export const PLACES = {
  redmond: {
    countryLetterCode: 'US',
    countryName: 'United States',
    city: 'Redmond',
    state: 'Washington',
    latitude: 47.674,
    longitude: -122.1215,
  },
  amsterdam: {
    countryLetterCode: 'NL',
    countryName: 'Netherlands',
    city: 'Amsterdam',
    state: 'North Holland',
    latitude: 52.3676,
    longitude: 4.9041,
  },
  lagos: {
    countryLetterCode: 'NG',
    countryName: 'Nigeria',
    city: 'Lagos',
    state: 'Lagos',
    latitude: 6.5244,
    longitude: 3.3792,
  },
  lisbon: {
    countryLetterCode: 'PT',
    countryName: 'Portugal',
    city: 'Lisbon',
    state: null,
    latitude: 38.7223,
    longitude: -9.1393,
  },
} as const satisfies Record<string, Place>;

/** Addresses are from the documentation ranges (RFC 5737), never real hosts. */
export function ipEvidence(
  at: string,
  ipAddress: string,
  place: Place,
  verdict: Verdict = 'suspicious',
  roles: string[] = [],
): AlertEvidence {
  return {
    ...base('ipEvidence', at, verdict, roles),
    ipAddress,
    countryLetterCode: place.countryLetterCode,
    location: {
      city: place.city,
      countryName: place.countryName,
      latitude: place.latitude,
      longitude: place.longitude,
      state: place.state,
    },
  };
}

export function deviceEvidence(
  at: string,
  o: {
    hostName: string;
    mdeDeviceId: string;
    azureAdDeviceId: string;
    user?: DemoPersonKey;
    risk: string;
    roles?: string[];
    verdict?: Verdict;
  },
): AlertEvidence {
  return {
    ...base('deviceEvidence', at, o.verdict ?? 'unknown', o.roles ?? []),
    firstSeenDateTime: '2025-11-03T08:14:22Z',
    mdeDeviceId: o.mdeDeviceId,
    azureAdDeviceId: o.azureAdDeviceId,
    deviceDnsName: `${o.hostName.toLowerCase()}.contoso.com`,
    hostName: o.hostName,
    ntDomain: 'CONTOSO',
    dnsDomain: 'contoso.com',
    osPlatform: 'Windows11',
    osBuild: 26100,
    version: '24H2',
    healthStatus: 'active',
    riskScore: o.risk,
    rbacGroupId: 0,
    rbacGroupName: 'UnassignedGroup',
    onboardingStatus: 'onboarded',
    defenderAvStatus: 'updated',
    ipInterfaces: ['10.20.4.17'],
    loggedOnUsers: o.user ? [{ accountName: userAccount(o.user).accountName, domainName: 'CONTOSO' }] : [],
    vmMetadata: null,
  };
}

export function cloudApplicationEvidence(at: string, appId: number, displayName: string): AlertEvidence {
  return {
    ...base('cloudApplicationEvidence', at, 'unknown', ['contextual']),
    appId,
    displayName,
    instanceId: 0,
    instanceName: displayName,
    saasAppId: appId,
    stream: null,
  };
}

export function urlEvidence(at: string, url: string, verdict: Verdict = 'malicious'): AlertEvidence {
  return { ...base('urlEvidence', at, verdict), url };
}

export function fileEvidence(
  at: string,
  fileDetails: { fileName: string; filePath: string; sha1: string; sha256: string; fileSize: number },
  o: {
    mdeDeviceId?: string;
    verdict?: Verdict;
    remediation?: AlertEvidence['remediationStatus'];
    detectionStatus?: string;
  } = {},
): AlertEvidence {
  return {
    ...base('fileEvidence', at, o.verdict ?? 'malicious'),
    remediationStatus: o.remediation ?? 'none',
    detectionStatus: o.detectionStatus ?? 'detected',
    mdeDeviceId: o.mdeDeviceId ?? null,
    fileDetails: { ...fileDetails, filePublisher: null, signer: null, issuer: null },
  };
}

export function processEvidence(
  at: string,
  o: {
    processId: number;
    fileName: string;
    filePath: string;
    commandLine: string;
    parentId: number;
    parentFileName: string;
    user: DemoPersonKey;
    mdeDeviceId: string;
  },
): AlertEvidence {
  return {
    ...base('processEvidence', at, 'suspicious'),
    processId: o.processId,
    parentProcessId: o.parentId,
    processCommandLine: o.commandLine,
    processCreationDateTime: at,
    parentProcessCreationDateTime: at,
    detectionStatus: 'detected',
    mdeDeviceId: o.mdeDeviceId,
    imageFile: { fileName: o.fileName, filePath: o.filePath, sha1: null, sha256: null, fileSize: null },
    parentProcessImageFile: {
      fileName: o.parentFileName,
      filePath: 'C:\\Windows\\explorer.exe',
      sha1: null,
      sha256: null,
      fileSize: null,
    },
    userAccount: userAccount(o.user),
  };
}

export function analyzedMessageEvidence(
  at: string,
  o: {
    recipient: DemoPersonKey;
    subject: string;
    sender: string;
    senderIp: string;
    url: string;
    networkMessageId: string;
  },
): AlertEvidence {
  const [, senderDomain] = o.sender.split('@');
  return {
    ...base('analyzedMessageEvidence', at, 'malicious'),
    remediationStatus: 'remediated',
    networkMessageId: o.networkMessageId,
    internetMessageId: `<${o.networkMessageId.slice(0, 8)}@${senderDomain}>`,
    subject: o.subject,
    language: 'en',
    senderIp: o.senderIp,
    recipientEmailAddress: demoPeople[o.recipient].userPrincipalName,
    p1Sender: { emailAddress: o.sender, displayName: 'Microsoft 365', domainName: senderDomain },
    p2Sender: { emailAddress: o.sender, displayName: 'Microsoft 365', domainName: senderDomain },
    receivedDateTime: at,
    urls: [o.url],
    urlCount: 1,
    attachmentsCount: 0,
    deliveryAction: 'delivered',
    deliveryLocation: 'deletedFolder',
    antiSpamDirection: 'inbound',
    threats: ['Phish'],
    threatDetectionMethods: ['urlDetonationReputation'],
  };
}

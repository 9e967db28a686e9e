// Identity Protection: Isaiah (a Global Administrator) is at high risk with fresh detections;
// Adele is at medium risk; older risk was remediated or dismissed for others.
import type { GraphEntity } from '../../directory.js';
import { type DemoPerson, demoPeople } from '../people.js';
import { hoursAgo, stableId } from './ids.js';

interface RiskSpec {
  person: DemoPerson;
  riskLevel: 'low' | 'medium' | 'high' | 'none';
  riskState: 'atRisk' | 'remediated' | 'dismissed' | 'confirmedCompromised' | 'none';
  riskDetail: string;
  updatedHoursAgo: number;
}

const riskSpecs: RiskSpec[] = [
  {
    person: demoPeople.isaiah,
    riskLevel: 'high',
    riskState: 'atRisk',
    riskDetail: 'none',
    updatedHoursAgo: 2,
  },
  {
    person: demoPeople.adele,
    riskLevel: 'medium',
    riskState: 'atRisk',
    riskDetail: 'none',
    updatedHoursAgo: 30,
  },
  {
    person: demoPeople.diego,
    riskLevel: 'none',
    riskState: 'remediated',
    riskDetail: 'userPerformedSecuredPasswordReset',
    updatedHoursAgo: 24 * 40,
  },
  {
    person: demoPeople.johanna,
    riskLevel: 'none',
    riskState: 'dismissed',
    riskDetail: 'adminDismissedAllRiskForUser',
    updatedHoursAgo: 24 * 12,
  },
];

export function demoRiskyUsers(now: Date): GraphEntity[] {
  return riskSpecs.map((s) => ({
    id: s.person.id,
    isDeleted: false,
    isProcessing: false,
    riskLastUpdatedDateTime: hoursAgo(now, s.updatedHoursAgo),
    riskLevel: s.riskLevel,
    riskState: s.riskState,
    riskDetail: s.riskDetail,
    userDisplayName: s.person.displayName,
    userPrincipalName: s.person.userPrincipalName,
  }));
}

interface DetectionSpec {
  key: string;
  person: DemoPerson;
  riskEventType: string;
  riskLevel: 'low' | 'medium' | 'high';
  riskState: string;
  riskDetail: string;
  timing: 'realtime' | 'offline';
  activity: 'signin' | 'user';
  hoursAgo: number;
  ipAddress: string | null;
  location: { city: string; state: string | null; countryOrRegion: string } | null;
}

const detectionSpecs: DetectionSpec[] = [
  {
    key: 'isaiah-unfamiliar',
    person: demoPeople.isaiah,
    riskEventType: 'unfamiliarFeatures',
    riskLevel: 'high',
    riskState: 'atRisk',
    riskDetail: 'none',
    timing: 'realtime',
    activity: 'signin',
    hoursAgo: 3,
    ipAddress: '198.51.100.23',
    location: { city: 'Lagos', state: 'Lagos', countryOrRegion: 'NG' },
  },
  {
    key: 'isaiah-anonymous-ip',
    person: demoPeople.isaiah,
    riskEventType: 'anonymizedIPAddress',
    riskLevel: 'high',
    riskState: 'atRisk',
    riskDetail: 'none',
    timing: 'realtime',
    activity: 'signin',
    hoursAgo: 5,
    ipAddress: '192.0.2.77',
    location: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL' },
  },
  {
    key: 'isaiah-leaked',
    person: demoPeople.isaiah,
    riskEventType: 'leakedCredentials',
    riskLevel: 'high',
    riskState: 'atRisk',
    riskDetail: 'none',
    timing: 'offline',
    activity: 'user',
    hoursAgo: 26,
    ipAddress: null,
    location: null,
  },
  {
    key: 'adele-unfamiliar',
    person: demoPeople.adele,
    riskEventType: 'unfamiliarFeatures',
    riskLevel: 'medium',
    riskState: 'atRisk',
    riskDetail: 'none',
    timing: 'realtime',
    activity: 'signin',
    hoursAgo: 30,
    ipAddress: '203.0.113.200',
    location: { city: 'Toronto', state: 'Ontario', countryOrRegion: 'CA' },
  },
  {
    key: 'diego-password-spray',
    person: demoPeople.diego,
    riskEventType: 'passwordSpray',
    riskLevel: 'high',
    riskState: 'remediated',
    riskDetail: 'userPerformedSecuredPasswordReset',
    timing: 'offline',
    activity: 'signin',
    hoursAgo: 24 * 41,
    ipAddress: '198.51.100.99',
    location: { city: 'Moscow', state: null, countryOrRegion: 'RU' },
  },
];

export function demoRiskDetections(now: Date): GraphEntity[] {
  return detectionSpecs.map((s) => {
    const id = stableId(`riskDetection/${s.key}`);
    const at = hoursAgo(now, s.hoursAgo);
    return {
      id,
      requestId: s.activity === 'signin' ? stableId(`riskDetection/${s.key}/request`) : null,
      correlationId: s.activity === 'signin' ? stableId(`riskDetection/${s.key}/correlation`) : null,
      riskEventType: s.riskEventType,
      riskState: s.riskState,
      riskLevel: s.riskLevel,
      riskDetail: s.riskDetail,
      source: s.riskEventType === 'leakedCredentials' ? 'IdentityProtection' : 'activeDirectory',
      detectionTimingType: s.timing,
      activity: s.activity,
      tokenIssuerType: 'AzureAD',
      ipAddress: s.ipAddress,
      location: s.location ? { ...s.location, geoCoordinates: null } : null,
      activityDateTime: at,
      detectedDateTime: s.timing === 'realtime' ? at : hoursAgo(now, s.hoursAgo - 1),
      lastUpdatedDateTime: at,
      userId: s.person.id,
      userDisplayName: s.person.displayName,
      userPrincipalName: s.person.userPrincipalName,
      additionalInfo: '[{"Key":"userAgent","Value":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"}]',
    };
  });
}

import { FABRIC, FABRIC_PORTAL } from '../manual-reasons.js';
import type { ManualRow } from '../manual-row.js';

/** This service's recommendations still read by a person: [CIS id, read with, where, why not here]. */
export const fabricManualRows: ManualRow[] = [
  ['9.1.1', 'Power BI admin API', `${FABRIC_PORTAL} ('Guest users can access Microsoft Fabric')`, FABRIC],
  [
    '9.1.2',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Users can invite guest users to collaborate through item sharing and permissions')`,
    FABRIC,
  ],
  [
    '9.1.3',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Guest users can browse and access Fabric content')`,
    FABRIC,
  ],
  ['9.1.4', 'Power BI admin API', `${FABRIC_PORTAL} ('Publish to web')`, FABRIC],
  [
    '9.1.5',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Interact with and share R and Python visuals')`,
    FABRIC,
  ],
  [
    '9.1.6',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow users to apply sensitivity labels for content')`,
    FABRIC,
  ],
  [
    '9.1.7',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow shareable links to grant access to everyone in your organization')`,
    FABRIC,
  ],
  [
    '9.1.8',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow specific users to turn on external data sharing')`,
    FABRIC,
  ],
  ['9.1.9', 'Power BI admin API', `${FABRIC_PORTAL} ('Block ResourceKey Authentication')`, FABRIC],
  ['9.1.10', 'Power BI admin API', `${FABRIC_PORTAL} ('Service principals can use Fabric APIs')`, FABRIC],
  [
    '9.1.11',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow service principals to create and use profiles')`,
    FABRIC,
  ],
  [
    '9.1.12',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Service principals can create workspaces, connections, and deployment pipelines')`,
    FABRIC,
  ],
];

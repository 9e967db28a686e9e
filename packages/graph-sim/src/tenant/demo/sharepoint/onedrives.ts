// OneDrives of some Contoso people, with some personal sharing: an anyone link that expires, a
// link to a colleague, and an edit link for an outside contractor.

import { buildDrive, buildSite, type ItemSpec } from '../../sharepoint/build.js';
import { userGrant } from '../../sharepoint/permissions.js';
import type { SimDrive, SimSite } from '../../sharepoint.js';
import type { DemoPersonKey } from '../people.js';
import { DEMO_MY_HOST, type DemoClock, outsider, person, personalPath, principal } from './context.js';

function oneDrive(
  clock: DemoClock,
  key: DemoPersonKey,
  tree: ItemSpec[],
): { site: SimSite; drive: SimDrive } {
  const owner = person(key);
  const site = buildSite({
    hostname: DEMO_MY_HOST,
    path: personalPath(key),
    displayName: owner.displayName,
    created: clock.ago(500),
    modified: clock.ago(1),
  });
  const drive = buildDrive({
    site,
    name: 'OneDrive',
    libraryPath: 'Documents',
    driveType: 'business',
    owner: { user: owner },
    ownerUserId: owner.id as string,
    created: clock.ago(500),
    rootPermissions: [userGrant(principal(key), ['owner'])],
    tree,
    quotaTotal: 1_099_511_627_776,
  });
  return { site, drive };
}

function doc(
  clock: DemoClock,
  key: DemoPersonKey,
  name: string,
  daysAgo: number,
  extra: Partial<ItemSpec> = {},
): ItemSpec {
  return {
    name,
    createdBy: person(key),
    created: clock.ago(daysAgo + 10),
    modified: clock.ago(daysAgo),
    size: 91_530,
    ...extra,
  };
}

export function demoOneDrives(clock: DemoClock): { site: SimSite; drive: SimDrive }[] {
  return [
    oneDrive(clock, 'megan', [
      doc(clock, 'megan', 'Admin notes.docx', 3),
      doc(clock, 'megan', 'Quarterly review.pptx', 11, { links: [{ scope: 'organization', type: 'view' }] }),
    ]),
    oneDrive(clock, 'miriam', [
      doc(clock, 'miriam', 'Client pitch deck.pptx', 2, {
        links: [{ scope: 'anonymous', type: 'view', expirationDateTime: clock.ahead(30) }],
      }),
      doc(clock, 'miriam', 'Holiday rota.xlsx', 20, {
        links: [{ scope: 'users', type: 'view', grantees: [principal('adele')] }],
      }),
    ]),
    oneDrive(clock, 'alex', [
      {
        name: 'Projects',
        createdBy: person('alex'),
        created: clock.ago(90),
        modified: clock.ago(4),
        children: [
          doc(clock, 'alex', 'Exchange migration notes.docx', 4, {
            links: [
              {
                scope: 'users',
                type: 'edit',
                grantees: [outsider('Dev Contractor', 'dev.contractor@outlook.com')],
              },
            ],
          }),
        ],
      },
    ]),
  ];
}

import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { summarisePrivilegedAccess } from '../analysis/privileged-access.js';
import { riskFindings, riskyUserViews } from '../analysis/risky-users.js';
import {
  readRiskDetections,
  readRiskyUsers,
  riskLevels,
  riskStates,
} from '../graph/read-identity-protection.js';
import { readPrivilegedAccess } from '../graph/read-privileged-access.js';
import { disabledUserIds, findingsOutput, problemLines, sortFindings, truncate } from './support/shared.js';

const detectionOutput = z.object({
  id: z.string(),
  riskEventType: z.string(),
  riskLevel: z.string(),
  riskState: z.string(),
  activityDateTime: z.string().nullable(),
  ipAddress: z.string().nullable(),
  location: z.string().nullable(),
});

const riskyUserOutput = z.object({
  id: z.string(),
  userPrincipalName: z.string().nullable(),
  displayName: z.string().nullable(),
  riskLevel: z.string(),
  riskState: z.string(),
  riskDetail: z.string().nullable(),
  riskLastUpdatedDateTime: z.string().nullable(),
  privilegedRoles: z.array(z.string()).describe('Privileged directory roles held or eligible'),
  accountEnabled: z.boolean().describe('False: disabled (contained), so not counted as exposure'),
  detections: z.array(detectionOutput).describe('Risk detections in the window, newest first'),
});

export const analyzeRiskyUsers = defineTool({
  name: 'analyze_risky_users',
  title: 'Analyze risky users',
  description:
    'Who Microsoft Entra ID Protection considers at risk: level, state, detail and last update, with each user’s recent risk detections (event type, IP, location) and whether they hold a privileged directory role (privileged users first); disabled accounts are shown as contained, not counted as exposure. Use it for "who is at risk?", before containing a user, or when an incident names a user. Filters by risk level and state (default: users currently at risk or confirmed compromised). Cost: one risky-users read and one detections read (Identity Protection allows about one request a second, so this takes a few seconds) plus a few role reads and one read of the ids of disabled accounts. Needs Entra ID P2.',
  input: {
    levels: z.array(z.enum(riskLevels)).max(3).optional().describe('Only these risk levels (default: all)'),
    states: z
      .array(z.enum(riskStates))
      .max(4)
      .default(['atRisk', 'confirmedCompromised'])
      .describe('Only these risk states (default: atRisk and confirmedCompromised)'),
    detectionDays: z.number().int().min(1).max(90).default(30).describe('Days of risk detections to attach'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: {
    users: z.array(riskyUserOutput),
    total: z.number().int(),
    complete: z.boolean().describe('False when a cap stopped a read: the list may miss users'),
    findings: findingsOutput,
    cursor: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ levels, states, detectionDays, limit, cursor }, ctx) {
    const now = new Date();
    const risky = await readRiskyUsers(ctx.graph, {
      ...(levels ? { levels } : {}),
      states,
      signal: ctx.signal,
    });
    const detections = await readRiskDetections(ctx.graph, {
      since: new Date(now.getTime() - detectionDays * 86_400_000),
      signal: ctx.signal,
    });
    const access = await readPrivilegedAccess(ctx.graph, ctx.signal);
    const disabled = await disabledUserIds(ctx);
    const summary = summarisePrivilegedAccess(ctx.tenantText, access.holdings, new Set());
    const users = riskyUserViews(
      ctx.tenantText,
      risky.items,
      detections.items,
      summary.privilegedRolesByUser,
      disabled.ids,
    );
    const findings = sortFindings(riskFindings(ctx.tenantText, users));
    const { page, cursor: next } = paginate(users, { limit, cursor });
    const complete = risky.complete && detections.complete && access.complete && disabled.complete;
    const privileged = users.filter((u) => u.privilegedRoles.length > 0).length;
    const lines = [
      `${users.length} risky user(s) (states: ${states.join(', ')}${levels ? `; levels: ${levels.join(', ')}` : ''}), ${privileged} privileged.${complete ? '' : ' PARTIAL: a read was capped.'}`,
      ...page
        .slice(0, 5)
        .map(
          (u) =>
            `- ${u.userPrincipalName ?? u.id}: ${u.riskLevel}/${u.riskState}${u.privilegedRoles.length ? ` [${u.privilegedRoles.join(', ')}]` : ''}${u.accountEnabled ? '' : ' (disabled)'}, ${u.detections.length} detection(s)`,
        ),
      ...problemLines(findings, 3),
      ...(next ? ['More users: pass the cursor.'] : []),
    ];
    return {
      structured: {
        users: page,
        total: users.length,
        complete,
        findings,
        ...(next ? { cursor: next } : {}),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});

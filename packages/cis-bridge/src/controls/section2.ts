import { graph, verdict } from './define.js';
import { type Control, cis, type EvaluationContext, mitre, type Outcome } from './types.js';
import { at, items, str } from './values.js';

// CIS 2: Microsoft 365 Defender. Its settings live in Exchange Online PowerShell; Graph shows them
// only through Secure Score, whose per-control score says whether Microsoft sees the protection in
// place. These are proxies and say so in their evidence.

function secureScoreControl(controlName: string): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const latest = items(ctx.get('secureScore'))[0];
    const control = items(at(latest, 'controlScores')).find((c) => c.controlName === controlName);
    if (!control) {
      return {
        status: 'manual',
        evidence: { secureScoreControl: controlName, found: false, readWith: 'Exchange Online PowerShell' },
      };
    }
    const score = typeof control.score === 'number' ? control.score : 0;
    const implemented =
      typeof control.scoreInPercentage === 'number' ? control.scoreInPercentage >= 100 : score > 0;
    return verdict(implemented, {
      secureScoreControl: controlName,
      score,
      scoreInPercentage: typeof control.scoreInPercentage === 'number' ? control.scoreInPercentage : null,
      proxy: 'Secure Score control state; confirm with Get-SafeLinksPolicy / Get-SafeAttachmentPolicy',
      description: str(control.description) ?? null,
    });
  };
}

export const section2: Control[] = [
  graph({
    id: 'CIS.M365.2.1.1',
    title: 'Ensure Safe Links for Office Applications is Enabled',
    section: '2.1',
    level: 'L2',
    profile: 'E5',
    severity: 'medium',
    references: [cis('2.1.1'), mitre('T1566.002')],
    resources: ['secureScore'],
    licence: 'defenderO365P2',
    remediation:
      'Create a Safe Links policy covering email, Teams and Office apps for all recipients (Defender portal > Policies > Safe Links).',
    evaluate: secureScoreControl('mdo_safelinksforemail'),
  }),
  graph({
    id: 'CIS.M365.2.1.4',
    title: 'Ensure Safe Attachments policy is enabled',
    section: '2.1',
    level: 'L2',
    profile: 'E5',
    severity: 'medium',
    references: [cis('2.1.4'), mitre('T1566.001')],
    resources: ['secureScore'],
    licence: 'defenderO365P2',
    remediation: 'Create a Safe Attachments policy in Block mode for all recipients.',
    evaluate: secureScoreControl('mdo_safeattachments'),
  }),
];

import type { ServiceCheck } from './check-services.js';

/** The services part of `check`'s output, as lines; none when the server reads Graph only. */
export function formatServiceCheck(services: readonly ServiceCheck[]): string[] {
  if (services.length === 0) return [];
  const lines = [
    `Admin APIs beyond Microsoft Graph (${services.length}). Each is optional: what is missing here is a WARNING, ` +
      "does not fail the check, and skips only that API's controls.",
  ];
  for (const service of services) {
    lines.push(...serviceLines(service));
  }
  lines.push('');
  return lines;
}

/** The tail of the result line: the services not ready, as a warning, and those not fully read. */
export function serviceResultNote(services: readonly ServiceCheck[]): string {
  const names = (status: ServiceCheck['status']) =>
    services.filter((service) => service.status === status).map((service) => service.name);
  const missing = names('missing');
  const unchecked = names('unchecked');
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push(
      `WARNING: ${missing.length} of ${services.length} admin API(s) beyond Graph not ready (${missing.join(', ')}), their controls will be skipped`,
    );
  }
  if (unchecked.length > 0) parts.push(`not fully checkable from here: ${unchecked.join(', ')}`);
  return parts.length === 0 ? '' : `; ${parts.join('; ')}`;
}

function serviceLines(service: ServiceCheck): string[] {
  if (service.notOffered !== undefined) return [`  ${service.name}: not checked. ${service.notOffered}`];
  const held = heldParts(service);
  const heldText = held.length > 0 ? ` (${held.join(', ')})` : '';
  const lines =
    service.status === 'ready'
      ? [`  ${service.name}: ready${heldText}.`]
      : service.status === 'unchecked'
        ? [`  ${service.name}: nothing missing that can be seen from here${heldText}.`]
        : [
            `  ${service.name}: WARNING, missing:`,
            ...service.missing.map((entry) => `    - ${entry}`),
            `    Skipped until then: ${service.reason}`,
            ...service.fixes.map((step) => `    Fix: ${step}`),
          ];
  if (service.directoryRole?.held === undefined && service.directoryRole?.unreadable !== undefined) {
    const names = service.directoryRole.needed.map((role) => role.name).join(' or ');
    lines.push(`    Not checked: directory role ${names}, because ${service.directoryRole.unreadable}.`);
  }
  if (service.certificate?.held === undefined && service.certificate !== undefined && service.token.issued) {
    lines.push('    Not checked: whether the app signs in with a certificate (the token does not say).');
  }
  if (service.serviceSetting !== undefined) {
    lines.push(`    Not checkable from here (a setting in its own portal): ${service.serviceSetting}`);
  }
  return lines;
}

function heldParts(service: ServiceCheck): string[] {
  const parts: string[] = [];
  if (service.appRole?.held === true) parts.push(`app role ${service.appRole.permission}`);
  if (service.directoryRole?.held === true && service.directoryRole.heldAs !== undefined) {
    const needed = service.directoryRole.needed.map((role) => role.name);
    const more = needed.includes(service.directoryRole.heldAs) ? '' : `, more than the ${needed[0]} it needs`;
    parts.push(`directory role ${service.directoryRole.heldAs}${more}`);
  }
  if (service.certificate?.held === true) parts.push('certificate credential');
  return parts;
}

// The server's settings: OneDrives are in tenant-wide audits unless the config file or the
// environment (which overrides the file) leaves them out.
import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/settings.js';

describe('includeOneDrives', () => {
  it('is on by default', () => {
    expect(readSettings({}, {}).includeOneDrives).toBe(true);
  });
  it('the config file can turn it off', () => {
    expect(readSettings({ includeOneDrives: false }, {}).includeOneDrives).toBe(false);
  });
  it('M365_SHAREPOINT_INCLUDE_ONEDRIVES overrides the file either way; other values are ignored', () => {
    expect(readSettings({}, { M365_SHAREPOINT_INCLUDE_ONEDRIVES: '0' }).includeOneDrives).toBe(false);
    expect(readSettings({}, { M365_SHAREPOINT_INCLUDE_ONEDRIVES: 'off' }).includeOneDrives).toBe(false);
    expect(
      readSettings({ includeOneDrives: false }, { M365_SHAREPOINT_INCLUDE_ONEDRIVES: 'true' })
        .includeOneDrives,
    ).toBe(true);
    expect(readSettings({}, { M365_SHAREPOINT_INCLUDE_ONEDRIVES: 'maybe' }).includeOneDrives).toBe(true);
  });
});

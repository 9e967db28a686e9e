// The tools' `include_onedrives`: absent means the server's setting (includeOneDrives, default
// true), because a tenant-wide assessment that leaves out OneDrives misses what people share most.
import { z } from 'zod';

export const includeOneDrivesInput = z.boolean().optional();

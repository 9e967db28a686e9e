import type { DirectoryData } from '../directory.js';

export function demoDirectory(_now: Date): DirectoryData {
  return { users: [] };
}
